import { DrainState } from '../src/health/drain-state';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { freePort } from '../../ops/dev-services/free-port';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Regressions found by `npm run drill` (docs/operations.md, "Reliability drill"). */
describe('answers during an outage and a shutdown (e2e)', () => {
  describe('when Postgres is unreachable', () => {
    let app: TestApp;
    let proxy: TcpProxy;
    let user: TestUser;
    let apiToken: string;

    beforeAll(async () => {
      const real = new URL(process.env.DATABASE_URL ?? '');
      proxy = new TcpProxy(await freePort(), {
        host: real.hostname,
        port: Number(real.port || 5432),
      });
      await proxy.open();
      const viaProxy = new URL(real);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      app = await startTestApp({ configOverrides: { DATABASE_URL: viaProxy.toString() } });
      user = await createUser(app);
      apiToken = (await createApiToken(app, user, ['tasks:read', 'tasks:write'])).token;
    });
    afterAll(async () => {
      await app.close();
      await proxy.cut();
    });

    it('answers writes with a 503 problem and Retry-After (not 500, not 401), then recovers', async () => {
      await proxy.cut();
      for (const token of [apiToken, user.accessToken]) {
        const { response, error } = await app.client(token).POST('/api/v1/tasks', {
          body: { title: 'During the outage' },
        });
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.headers.get('retry-after')).toBe('1');
        expect(error).toMatchObject({
          type: 'https://tasktrackr.dev/problems/service-unavailable',
          status: 503,
        });
      }

      await proxy.open();
      const created = await waitFor(
        async () => {
          const { response } = await app.client(apiToken).POST('/api/v1/tasks', {
            body: { title: 'After the outage' },
          });
          return response.status === 201 ? true : undefined;
        },
        10_000,
        'writes to succeed again',
      );
      expect(created.value).toBe(true);
    });
  });

  describe('while draining after SIGTERM', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('fails readiness and closes each connection after its answer', async () => {
      const before = await fetch(`${app.baseUrl}/api/v1/health/ready`);
      expect(before.status).toBe(200);
      expect(before.headers.get('connection')).not.toBe('close');

      app.app.get(DrainState).begin();
      const ready = await fetch(`${app.baseUrl}/api/v1/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get('connection')).toBe('close');
      expect(await ready.json()).toMatchObject({
        type: 'https://tasktrackr.dev/problems/not-ready',
        checks: { shutdown: { status: 'down' } },
      });
      // Requests are still served meanwhile, each on a connection that then closes.
      const live = await fetch(`${app.baseUrl}/api/v1/health/live`);
      expect(live.status).toBe(200);
      expect(live.headers.get('connection')).toBe('close');
    });
  });
});
