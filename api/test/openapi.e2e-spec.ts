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
    }
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
