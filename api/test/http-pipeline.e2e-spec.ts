import { createUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What the Fastify adapter is configured with (ADR 0001): the client IP behind a proxy only as
 * far as TRUST_PROXY allows, and routes that tolerate a trailing slash.
 */
describe('HTTP pipeline on Fastify (e2e)', () => {
  /** Signs in over HTTP as if through a proxy, and returns the IP the new session recorded. */
  async function sessionIpSeenBy(app: TestApp, forwardedFor: string): Promise<string | null> {
    const user = await createUser(app);
    const login = await app.sdk.POST('/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
      headers: { 'X-Forwarded-For': forwardedFor },
    });
    expect(login.response.status).toBe(200);
    const sessions = await app.client(login.data?.accessToken).GET('/api/v1/auth/sessions');
    const current = sessions.data?.find((session) => session.current);
    expect(current).toBeDefined();
    return current?.ip ?? null;
  }

  describe('with TRUST_PROXY unset', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('ignores X-Forwarded-For, so a client cannot choose the IP it is throttled by', async () => {
      expect(await sessionIpSeenBy(app, '203.0.113.7')).toBe('127.0.0.1');
    });

    it('answers a route with a trailing slash like the route itself', async () => {
      const response = await fetch(`${app.baseUrl}/api/v1/health/live/`);
      expect(response.status).toBe(200);
    });
  });

  describe('with TRUST_PROXY=loopback', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ configOverrides: { TRUST_PROXY: 'loopback' } });
    });
    afterAll(() => app.close());

    it('takes the client IP from X-Forwarded-For sent by the trusted proxy', async () => {
      expect(await sessionIpSeenBy(app, '203.0.113.7')).toBe('203.0.113.7');
    });
  });
});
