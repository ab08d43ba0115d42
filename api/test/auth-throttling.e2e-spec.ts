import { randomUUID } from 'node:crypto';
import { createUser } from './support/auth-helpers';
import { freePort } from '../../ops/dev-services/free-port';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Each app counts under its own Redis prefix, so runs and other specs never share counters. */
const isolated = (overrides: Record<string, string>) => ({
  QUEUE_PREFIX: `tt_throttle_${randomUUID().slice(0, 8)}`,
  ...overrides,
});

describe('throttling (e2e)', () => {
  describe('strict credential limits', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        configOverrides: isolated({
          THROTTLE_AUTH_LIMIT_PER_EMAIL: '3',
        }),
      });
    });
    afterAll(() => app.close());

    it('throttles login per email after the limit with a 429 problem and Retry-After', async () => {
      const user = await createUser(app);
      const attempt = () =>
        app.sdk.POST('/api/v1/auth/login', {
          body: { email: user.email, password: 'wrong-password-123' },
        });
      for (let i = 0; i < 3; i += 1) expect((await attempt()).response.status).toBe(401);

      const throttled = await attempt();
      expect(throttled.response.status).toBe(429);
      expect(Number(throttled.response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(throttled.error).toMatchObject({
        type: 'https://tasktrackr.dev/problems/too-many-requests',
        status: 429,
      });
      // Even the right password is refused while throttled: no oracle for guessing.
      const right = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(right.response.status).toBe(429);
    });
  });

  describe('per-IP credential limit', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ configOverrides: isolated({ THROTTLE_AUTH_LIMIT_PER_IP: '2' }) });
    });
    afterAll(() => app.close());

    it('throttles login per IP across different emails', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const { response } = await app.sdk.POST('/api/v1/auth/login', {
          body: { email: `nobody-${i}@example.com`, password: 'wrong-password-123' },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 429]);
    });
  });

  describe('general limit', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ configOverrides: isolated({ THROTTLE_LIMIT: '3' }) });
    });
    afterAll(() => app.close());

    it('sends rate-limit headers and limits per user, not per IP', async () => {
      const ann = await createUser(app);
      const bob = await createUser(app);
      const first = await ann.client.GET('/api/v1/users/me');
      expect(first.response.headers.get('x-ratelimit-limit')).toBe('3');
      expect(first.response.headers.get('x-ratelimit-remaining')).toBe('2');
      await ann.client.GET('/api/v1/users/me');
      await ann.client.GET('/api/v1/users/me');
      const over = await ann.client.GET('/api/v1/users/me');
      expect(over.response.status).toBe(429);
      expect(over.response.headers.get('retry-after')).toMatch(/^\d+$/);
      // Same IP, other user: own budget.
      expect((await bob.client.GET('/api/v1/users/me')).response.status).toBe(200);
    });
  });

  describe('when Redis is unreachable', () => {
    let app: TestApp;
    let proxy: TcpProxy;
    beforeAll(async () => {
      const real = new URL(process.env.REDIS_URL ?? '');
      proxy = new TcpProxy(await freePort(), {
        host: real.hostname,
        port: Number(real.port || 6379),
      });
      await proxy.open();
      const viaProxy = new URL(real);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      app = await startTestApp({
        configOverrides: isolated({
          REDIS_URL: viaProxy.toString(),
          THROTTLE_LIMIT: '6',
          THROTTLE_AUTH_LIMIT_PER_EMAIL: '2',
        }),
      });
    });
    afterAll(async () => {
      await app.close();
      await proxy.cut();
    });

    it('keeps limiting per process (never unlimited) and keeps serving, then returns to Redis', async () => {
      const user = await createUser(app);
      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(200);

      await proxy.cut();
      // Requests keep working: an outage of Redis must not stop the API.
      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(200);
      // ...but the limit still holds, counted in this process (THROTTLE_LIMIT=6).
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        statuses.push((await user.client.GET('/api/v1/users/me')).response.status);
      }
      expect(statuses).toContain(429);
      expect(statuses.indexOf(429)).toBeLessThanOrEqual(5);

      // Credential routes stay throttled per email too (THROTTLE_AUTH_LIMIT_PER_EMAIL=2).
      const wrongLogin = () =>
        app.sdk.POST('/api/v1/auth/login', {
          body: { email: user.email, password: 'wrong-password-123' },
        });
      expect((await wrongLogin()).response.status).toBe(401);
      expect((await wrongLogin()).response.status).toBe(401);
      const throttled = await wrongLogin();
      expect(throttled.response.status).toBe(429);
      expect(throttled.error).toMatchObject({
        type: 'https://tasktrackr.dev/problems/too-many-requests',
      });

      await proxy.open();
      const other = await createUser(app);
      await waitFor(
        async () =>
          (await other.client.GET('/api/v1/users/me')).response.status === 200 ? true : undefined,
        15_000,
        'requests to be served with Redis back',
      );
    });
  });
});
