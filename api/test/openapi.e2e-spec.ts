import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

describe('OpenAPI contract (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('serves at /api/v1/openapi.json exactly the committed libs/sdk/openapi.json', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const committed: unknown = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'libs', 'sdk', 'openapi.json'), 'utf8'),
    );
    expect(await response.json()).toEqual(committed);
  });

  it('documents X-RateLimit-* on exactly the operations that send them (public GETs)', async () => {
    type Operation = {
      security?: unknown[];
      parameters?: Array<{ required?: boolean }>;
      responses: Record<string, { headers?: Record<string, unknown> }>;
    };
    const spec = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'libs', 'sdk', 'openapi.json'), 'utf8'),
    ) as { paths: Record<string, { get?: Operation }> };
    const checked: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      const get = item.get;
      const isPublic = get?.security !== undefined && get.security.length === 0;
      if (!get || !isPublic || (get.parameters ?? []).some((p) => p.required)) continue;
      const documented = Object.values(get.responses).some(
        (response) => response.headers?.['X-RateLimit-Limit'] !== undefined,
      );
      const response = await fetch(`${app.baseUrl}${path}`);
      await response.arrayBuffer();
      expect({ path, sent: response.headers.has('x-ratelimit-limit') }).toEqual({
        path,
        sent: documented,
      });
      checked.push(path);
    }
    expect(checked).toEqual(
      expect.arrayContaining(['/api/v1/health/live', '/api/v1/auth/jwks.json']),
    );
  });

  it('serves Swagger UI at /api/docs', async () => {
    const response = await fetch(`${app.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('swagger-ui');

    // Its scripts come from @fastify/static and must pass the CSP helmet sets (same origin).
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js']) {
      expect(html).toContain(asset);
      const script = await fetch(`${app.baseUrl}/api/docs/${asset}`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      // Read it all: a response left half-sent keeps app.close() waiting for its connection.
      expect((await script.text()).length).toBeGreaterThan(0);
    }
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
