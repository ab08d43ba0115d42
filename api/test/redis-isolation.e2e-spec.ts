import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { defaultQueuePrefix } from '../src/config/queue-prefix';
import { freePort } from '../../ops/dev-services/free-port';
import { RedisServerProcess } from './support/redis-server-process';
import { startTestApp, TestApp } from './support/test-app';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { waitFor } from './support/wait-for';

/**
 * Two instances on different databases share one Redis (a redis-server of this test's own, so
 * every key in it is theirs) without setting QUEUE_PREFIX: each derives its own prefix from its
 * database, so rate-limit counters, Bull queues and pub/sub channels stay apart.
 */
describe('two instances on one Redis (e2e)', () => {
  let redis: RedisServerProcess;
  const serverUrl = process.env.DATABASE_URL ?? '';
  const names = [uniqueName('tt_iso_a'), uniqueName('tt_iso_b')];
  let apps: TestApp[] = [];
  let prefixes: string[] = [];
  let client: Redis;

  beforeAll(async () => {
    redis = new RedisServerProcess(await freePort());
    await redis.start();
    client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    const urls = await Promise.all(names.map((name) => createDatabase(serverUrl, name)));
    prefixes = urls.map(defaultQueuePrefix);
    // One after the other: both would otherwise migrate at once on two cores.
    for (const url of urls) {
      apps.push(
        await startTestApp({
          // QUEUE_PREFIX undefined wins over the run's (global setup sets one): the default applies.
          configOverrides: { DATABASE_URL: url, REDIS_URL: redis.url, QUEUE_PREFIX: undefined },
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
    client?.disconnect();
    await redis?.stop();
    await Promise.all(names.map((name) => dropDatabase(serverUrl, name)));
  });

  const register = (app: TestApp) =>
    app.sdk.POST('/api/v1/auth/register', {
      body: {
        email: `iso-${randomUUID()}@example.com`,
        password: `pw-${randomUUID()}`,
        displayName: 'Isolated',
      },
    });
  const remaining = (response: Response) =>
    Number(response.headers.get('x-ratelimit-remaining-authip'));

  it('derives a different prefix per database', () => {
    expect(prefixes[0]).toMatch(/^tt:[0-9a-f]{10}$/);
    expect(prefixes[1]).toMatch(/^tt:[0-9a-f]{10}$/);
    expect(prefixes[0]).not.toBe(prefixes[1]);
  });

  it('does not share rate-limit counters: a fresh instance starts with its full allowance', async () => {
    const [a, b] = apps as [TestApp, TestApp];
    const first = await register(a);
    const second = await register(a);
    expect([first.response.status, second.response.status]).toEqual([201, 201]);
    const limit = Number(first.response.headers.get('x-ratelimit-limit-authip'));
    expect(limit).toBeGreaterThan(2);
    expect(remaining(first.response)).toBe(limit - 1);
    expect(remaining(second.response)).toBe(limit - 2);

    const onB = await register(b);
    expect(onB.response.status).toBe(201);
    expect(remaining(onB.response)).toBe(limit - 1);
  });

  it('keeps every Redis key and pub/sub channel under its instance prefix', async () => {
    // The registrations above queued audit sealing jobs: Bull's keys exist once they ran.
    await waitFor(
      async () => {
        const keys = await client.keys('*');
        return prefixes.every((prefix) => keys.some((key) => key.startsWith(`${prefix}:audit:`)))
          ? true
          : undefined;
      },
      15_000,
      "both instances' Bull keys",
    );
    // The throttler store wraps its keys in a Redis Cluster hash tag: `{<key>}:hits`.
    const keys = (await client.keys('*')).map((key) => key.replace(/^\{/, ''));
    const outside = keys.filter((key) => !prefixes.some((p) => key.startsWith(`${p}:`)));
    expect(outside).toEqual([]);
    for (const prefix of prefixes) {
      expect(keys.some((key) => key.startsWith(`${prefix}:throttle:`))).toBe(true);
    }

    const channels = (await client.call('PUBSUB', 'CHANNELS', '*')) as string[];
    expect(channels).toEqual(
      expect.arrayContaining(prefixes.map((prefix) => `${prefix}:tasks:events`)),
    );
    expect(channels.filter((c) => !prefixes.some((p) => c.startsWith(`${p}:`)))).toEqual([]);
  });
});
