import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { deleteRedisKeys } from '../../ops/dev-services/redis-keys';
import { freePort } from '../../ops/dev-services/free-port';
import { LeasedThrottlerStorage } from '../src/auth/throttling/leased-throttler-storage';
import { TcpProxy } from './support/tcp-proxy';
import { waitFor } from './support/wait-for';

/**
 * The leased store against the real Redis: several stores stand for several replicas sharing
 * one window. No app here, so it runs under the e2e config (which finds the Redis).
 */
describe('LeasedThrottlerStorage (real Redis)', () => {
  const prefix = `tt_lease_${randomUUID().slice(0, 8)}`;
  const redisUrl = process.env.REDIS_URL ?? '';
  const clients: Redis[] = [];
  const stores: LeasedThrottlerStorage[] = [];

  const replica = (maxLease: number) => {
    const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    clients.push(client);
    const store = new LeasedThrottlerStorage(client, maxLease);
    stores.push(store);
    return { client, store };
  };
  const key = () => `${prefix}:throttle:default:user:${randomUUID()}`;
  /** Counts what this client sends to Redis (the server is shared with other runs). */
  const counted = (client: Redis) => {
    const counter = { calls: 0 };
    const send = client.sendCommand.bind(client);
    client.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
      if (args[0].name.startsWith('eval')) counter.calls += 1;
      return send(...args);
    };
    return counter;
  };

  afterAll(async () => {
    stores.forEach((store) => store.close());
    clients.forEach((client) => client.disconnect());
    await deleteRedisKeys(redisUrl, `{${prefix}:*`);
  });

  it('admits exactly the limit from one process, then blocks with the time left', async () => {
    const { store } = replica(25);
    const k = key();
    const records = [];
    for (let i = 0; i < 50; i += 1)
      records.push(await store.increment(k, 60_000, 40, 60_000, 'default'));
    const admitted = records.filter((record) => !record.isBlocked);
    expect(admitted).toHaveLength(40);
    // Hits counted in order in a single process, so the headers stay exact there.
    expect(admitted.map((record) => record.totalHits)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const blocked = records[40];
    expect(blocked.isBlocked).toBe(true);
    expect(blocked.timeToBlockExpire).toBeGreaterThan(55);
    expect(blocked.timeToBlockExpire).toBeLessThanOrEqual(60);
  });

  it('makes far fewer Redis calls than requests when the budget is large', async () => {
    const { client, store } = replica(25);
    const sent = counted(client);
    const k = key();
    for (let i = 0; i < 500; i += 1) {
      expect((await store.increment(k, 60_000, 1_000_000, 60_000, 'default')).isBlocked).toBe(
        false,
      );
    }
    // 500 / 25 = 20 leases, one of them possibly ahead of need, plus the script's load (NOSCRIPT, then EVAL).
    expect(sent.calls).toBeLessThanOrEqual(23);
    const held = Number(await client.get(`{${k}:default}:hits`));
    expect(held).toBeGreaterThanOrEqual(500);
    expect(held).toBeLessThanOrEqual(500 + 25 + 25);
  });

  it('never admits more than the limit across replicas, concurrently', async () => {
    const replicas = [replica(25), replica(25), replica(25)];
    const k = key();
    const limit = 200;
    const results = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        replicas[i % 3].store.increment(k, 60_000, limit, 60_000, 'default'),
      ),
    );
    const admitted = results.filter((record) => !record.isBlocked).length;
    expect(admitted).toBeLessThanOrEqual(limit);
    // Every replica kept asking until blocked, so every leased hit was spent.
    expect(admitted).toBe(limit);
  });

  it('remembers a block without asking Redis again', async () => {
    const { client, store } = replica(25);
    const k = key();
    for (let i = 0; i < 3; i += 1) await store.increment(k, 60_000, 2, 60_000, 'default');
    const sent = counted(client);
    for (let i = 0; i < 50; i += 1) {
      expect((await store.increment(k, 60_000, 2, 60_000, 'default')).isBlocked).toBe(true);
    }
    expect(sent.calls).toBe(0);
  });

  it('starts a new budget when the window ends, without spending hits from the old one', async () => {
    const a = replica(25);
    const b = replica(25);
    const k = key();
    const burst = async () => {
      const records = [];
      for (let i = 0; i < 60; i += 1) {
        records.push(await (i % 2 ? b : a).store.increment(k, 2_000, 40, 300, 'default'));
      }
      return records.filter((record) => !record.isBlocked).length;
    };
    expect(await burst()).toBe(40);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const admitted = await burst();
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(40);
    expect(admitted).toBeLessThanOrEqual(Number(await a.client.get(`{${k}:default}:hits`)));
  });

  it('after a failed lease, spends no held hits but fails (the fallback counts) until Redis is back', async () => {
    const real = new URL(redisUrl);
    const proxy = new TcpProxy(await freePort(), {
      host: real.hostname,
      port: Number(real.port || 6379),
    });
    await proxy.open();
    const viaProxy = new URL(real);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const client = new Redis(viaProxy.toString(), {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    clients.push(client);
    const store = new LeasedThrottlerStorage(client, 25);
    stores.push(store);
    const k = key();
    const increment = () => store.increment(k, 60_000, 1_000_000, 60_000, 'default');
    try {
      await waitFor(
        async () => (client.status === 'ready' ? true : undefined),
        10_000,
        'the client to connect',
      );
      await increment(); // holds 24 more
      await proxy.cut();
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        outcomes.push(
          await increment().then(
            () => 'served',
            () => 'failed',
          ),
        );
        // Time for the lease taken ahead (at 12 held) to fail.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Held hits serve until the lease taken ahead fails; from then on every request fails,
      // though 11 or so are still held (spending them would hide the outage from the fallback).
      const firstFailure = outcomes.indexOf('failed');
      expect(firstFailure).toBeGreaterThanOrEqual(11);
      expect(firstFailure).toBeLessThanOrEqual(14);
      expect(outcomes.slice(firstFailure).every((outcome) => outcome === 'failed')).toBe(true);

      await proxy.open();
      await waitFor(
        () =>
          increment().then(
            () => true,
            () => undefined,
          ),
        15_000,
        'leases to succeed with Redis back',
      );
    } finally {
      await proxy.cut();
    }
  });

  it('fails (so the fallback counts locally) when Redis is gone and no hits are held', async () => {
    const { client, store } = replica(25);
    client.disconnect();
    await expect(store.increment(key(), 60_000, 10, 60_000, 'default')).rejects.toThrow();
  });
});
