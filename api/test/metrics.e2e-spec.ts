import { startTestApp, TestApp } from './support/test-app';

describe('Prometheus metrics (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('exposes request durations by route template and status, and process metrics', async () => {
    await app.sdk.GET('/api/v1/health/live');
    await fetch(`${app.baseUrl}/api/v1/no-such-route/12345`);

    const response = await fetch(`${app.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{[^}]*method="GET",route="\/api\/v1\/health\/live",status_code="200"\} [1-9]/,
    );
    // Unknown paths share one label value instead of one series per URL.
    expect(text).toMatch(/route="unmatched",status_code="404"/);
    expect(text).not.toContain('12345');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});
