import { freePort } from '../../ops/dev-services/free-port';
import { RedisServerProcess } from './support/redis-server-process';
import { TcpProxy } from './support/tcp-proxy';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** The value of the `app_ready` gauge in a scrape of /metrics. */
async function appReady(app: TestApp): Promise<string | undefined> {
  const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
  return /^app_ready(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1];
}

describe('health (e2e)', () => {
  describe('with every dependency up', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('reports liveness without touching dependencies', async () => {
      const { data, response } = await app.sdk.GET('/api/v1/health/live');
      expect(response.status).toBe(200);
      expect(data).toEqual({ status: 'ok' });
    });

    it('reports Postgres, Redis, migrations and the audit outbox up when ready', async () => {
      const { data, response } = await app.sdk.GET('/api/v1/health/ready');
      expect(response.status).toBe(200);
      expect(data?.details).toMatchObject({
        postgres: { status: 'up' },
        redis: { status: 'up' },
        migrations: { status: 'up' },
        auditOutbox: { status: 'up' },
      });
      expect(Object.keys(data?.details ?? {}).sort()).toEqual([
        'auditOutbox',
        'migrations',
        'postgres',
        'redis',
      ]);
    });
  });

  describe('when Redis stops and comes back', () => {
    let app: TestApp;
    let redis: RedisServerProcess;

    beforeAll(async () => {
      if (!RedisServerProcess.isInstalled()) {
        throw new Error('redis-server is not on PATH; install it (apt-get install redis-server)');
      }
      redis = new RedisServerProcess(await freePort());
      await redis.start();
      app = await startTestApp({
        configOverrides: { REDIS_URL: redis.url, HEALTH_CHECK_TIMEOUT_MS: '1000' },
      });
    });
    afterAll(async () => {
      await app.close();
      await redis.stop();
    });

    it('answers 503 naming Redis within 5 s, then 200 again without a restart', async () => {
      expect((await app.sdk.GET('/api/v1/health/ready')).response.status).toBe(200);

      await redis.stop();
      const down = await waitFor(
        async () => {
          const result = await app.sdk.GET('/api/v1/health/ready');
          return result.response.status === 503 ? result : undefined;
        },
        5_000,
        'readiness to report Redis down',
      );
      expect(down.value.response.headers.get('content-type')).toMatch(
        /^application\/problem\+json/,
      );
      expect(down.value.error).toMatchObject({
        status: 503,
        type: 'https://tasktrackr.dev/problems/not-ready',
        detail: 'Unavailable: redis',
        checks: { redis: { status: 'down' }, postgres: { status: 'up' } },
      });
      // The app_ready gauge runs the same checks at scrape time (the readiness alerts use it).
      expect(await appReady(app)).toBe('0');

      await redis.start();
      const up = await waitFor(
        async () =>
          (await app.sdk.GET('/api/v1/health/ready')).response.status === 200 ? true : undefined,
        10_000,
        'readiness to recover',
      );
      expect(up.value).toBe(true);
      expect(await appReady(app)).toBe('1');
    });
  });

  describe('when Postgres becomes unreachable and comes back', () => {
    let app: TestApp;
    let proxy: TcpProxy;

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
      app = await startTestApp({
        configOverrides: { DATABASE_URL: viaProxy.toString(), HEALTH_CHECK_TIMEOUT_MS: '1000' },
      });
    });
    afterAll(async () => {
      await app.close();
      await proxy.cut();
    });

    it('answers 503 naming Postgres within 5 s, then 200 again', async () => {
      expect((await app.sdk.GET('/api/v1/health/ready')).response.status).toBe(200);

      await proxy.cut();
      const down = await waitFor(
        async () => {
          const result = await app.sdk.GET('/api/v1/health/ready');
          return result.response.status === 503 ? result : undefined;
        },
        5_000,
        'readiness to report Postgres down',
      );
      expect(down.value.error).toMatchObject({
        status: 503,
        checks: { postgres: { status: 'down' } },
      });
      expect(down.value.error?.detail).toContain('postgres');

      await proxy.open();
      await waitFor(
        async () =>
          (await app.sdk.GET('/api/v1/health/ready')).response.status === 200 ? true : undefined,
        10_000,
        'readiness to recover',
      );
    });
  });
});
