import { startTestApp, TestApp } from './support/test-app';

/** Errors from anywhere in the pipeline answer as RFC 9457 problems carrying the request id. */
describe('problem+json errors (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ configOverrides: { BODY_LIMIT: '1kb' } });
  });
  afterAll(() => app.close());

  async function problemFor(path: string, init?: RequestInit) {
    const response = await fetch(`${app.baseUrl}${path}`, init);
    const text = await response.text();
    return { response, text, body: JSON.parse(text) as Record<string, unknown> };
  }

  it('answers an unknown route with a 404 problem and the request id', async () => {
    const { response, body, text } = await problemFor('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toEqual({
      type: 'https://tasktrackr.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /api/v1/no-such-thing',
      instance: '/api/v1/no-such-thing',
      requestId: response.headers.get('x-request-id'),
    });
    expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('keeps a safe caller-supplied X-Request-Id and replaces an unsafe one', async () => {
    const kept = await problemFor('/api/v1/nope', { headers: { 'X-Request-Id': 'lb-42.abc' } });
    expect(kept.response.headers.get('x-request-id')).toBe('lb-42.abc');
    expect(kept.body.requestId).toBe('lb-42.abc');

    const replaced = await problemFor('/api/v1/nope', {
      headers: { 'X-Request-Id': 'bad id\twith "quotes"' },
    });
    expect(replaced.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a URL with broken percent-encoding with a 400 problem', async () => {
    const { response, body } = await problemFor('/api/v1/tasks/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({
      type: 'https://tasktrackr.dev/problems/bad-request',
      status: 400,
      requestId: response.headers.get('x-request-id'),
    });
  });

  it.each([
    ['text/xml', '<login/>'],
    ['text/plain', '{"email":"a@example.com"}'],
    // An HTML form needs no CORS preflight, so the API must not accept one.
    ['application/x-www-form-urlencoded', 'email=a%40example.com&password=x'],
  ])('answers a %s body with a 415 problem', async (contentType, payload) => {
    const { response, body } = await problemFor('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: payload,
    });
    expect(response.status).toBe(415);
    expect(body).toMatchObject({
      type: 'https://tasktrackr.dev/problems/unsupported-media-type',
      status: 415,
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const { response, body } = await problemFor('/api/v1/health/live', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(response.status).toBe(400);
    expect(body).toMatchObject({
      type: 'https://tasktrackr.dev/problems/bad-request',
      status: 400,
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('answers an oversized body with a 413 problem', async () => {
    const { response, body } = await problemFor('/api/v1/health/live', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(4096) }),
    });
    expect(response.status).toBe(413);
    expect(body).toMatchObject({
      type: 'https://tasktrackr.dev/problems/payload-too-large',
      status: 413,
    });
  });

  it('sets security headers (helmet) on every response', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('CORS (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ configOverrides: { CORS_ORIGINS: 'https://ui.example.com' } });
  });
  afterAll(() => app.close());

  const preflight = (origin: string) =>
    fetch(`${app.baseUrl}/api/v1/health/live`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
    });

  it('allows a configured origin', async () => {
    const response = await preflight('https://ui.example.com');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://ui.example.com');
  });

  it('does not allow any other origin', async () => {
    const response = await preflight('https://evil.example.net');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
