import { startTestApp, TestApp } from './support/test-app';

/**
 * The worker role serves its own probes and metrics, so an orchestrator can restart a worker
 * whose event loop hangs, and nothing else: no API routes, no contract.
 */
describe('worker role over HTTP (e2e)', () => {
  let worker: TestApp;
  beforeAll(async () => {
    worker = await startTestApp({ role: 'worker' });
  });
  afterAll(() => worker.close());

  it('answers liveness and readiness with its dependencies', async () => {
    expect((await worker.sdk.GET('/api/v1/health/live')).response.status).toBe(200);
    const ready = await worker.sdk.GET('/api/v1/health/ready');
    expect(ready.response.status).toBe(200);
    expect(ready.data?.details).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
    });
  });

  it('exposes Prometheus metrics, its probes among them', async () => {
    const response = await fetch(`${worker.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    // Outbox lag is reported by the process that drains it, too.
    expect(text).toContain('audit_outbox_backlog');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/health\/live"/,
    );
  });

  it('serves no API routes and no contract', async () => {
    for (const path of [
      '/api/v1/tasks',
      '/api/v1/auth/login',
      '/api/v1/openapi.json',
      '/api/docs',
    ]) {
      const response = await fetch(`${worker.baseUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
