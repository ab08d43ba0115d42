import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DevServicesError } from '../../ops/dev-services/errors';
import { isPortOpen } from '../../ops/dev-services/probe';
import { resolveServices } from '../../ops/dev-services/resolve-services';

// initdb plus a first start takes a while on a cold machine.
jest.setTimeout(120_000);

/** A port nothing listens on right now: both "closed" for probes and free to start on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The Uid line of /proc/<pid>/status: real, effective, saved, filesystem. */
async function uidsOf(pid: number): Promise<number[]> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const line = status.split('\n').find((l) => l.startsWith('Uid:')) ?? '';
  return line.split(/\s+/).slice(1).filter(Boolean).map(Number);
}

describe('dev services (the embedded default)', () => {
  let dataDir: string;
  let closedPort: number;
  const notes: string[] = [];
  // Only what each test passes counts: none of the caller's DATABASE_URL, REDIS_URL or TT_*.
  const env = { PATH: process.env.PATH };
  const log = (line: string) => notes.push(line);
  // Postgres and Redis resolve concurrently, so their lines come in either order.
  const noteFor = (service: 'Postgres' | 'Redis') =>
    notes.find((line) => line.startsWith(`${service}: `)) ?? '';

  beforeAll(async () => {
    // mkdtemp makes it 0700: as root, the launcher must open it (o+x) for the postgres user.
    dataDir = await mkdtemp(join(tmpdir(), 'tt-dev-services-'));
    closedPort = await freePort();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    notes.length = 0;
  });

  it('starts a real embedded Postgres when DATABASE_URL is unset and none answers locally', async () => {
    const port = await freePort();
    const options = {
      env,
      localPostgres: { host: '127.0.0.1', port: closedPort },
      embeddedPostgresPort: port,
      dataDir,
      redisUrl: 'redis://127.0.0.1:1', // given, so this test starts Postgres only
      log,
    };
    const services = await resolveServices(options);
    try {
      expect(services.databaseUrl).toBe(
        `postgres://postgres:postgres@127.0.0.1:${port}/tasktrackr`,
      );
      expect([...services.notes].sort()).toEqual([...notes].sort());
      expect(noteFor('Postgres')).toContain(`nothing answers on 127.0.0.1:${closedPort}`);
      expect(noteFor('Postgres')).toContain(
        `initialised and started embedded PostgreSQL on 127.0.0.1:${port}`,
      );
      expect(notes.join('\n')).not.toContain('postgres:postgres');

      expect(await query(services.databaseUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      const databases = await query(
        services.databaseUrl,
        "SELECT datname FROM pg_database WHERE datname = 'tasktrackr'",
      );
      expect(databases).toHaveLength(1);
      await query(services.databaseUrl, 'CREATE TABLE kept_between_runs (id int)');

      // Root-safe: the server runs as an unprivileged user even when we are root.
      const pidFile = await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
      const uids = await uidsOf(Number(pidFile.split('\n')[0]));
      expect(uids.every((uid) => uid !== 0)).toBe(true);
    } finally {
      await services.stop();
    }
    expect(await isPortOpen({ host: '127.0.0.1', port })).toBe(false);
    await expect(services.stop()).resolves.toBeUndefined(); // idempotent

    // A second start reuses the data folder instead of initialising it again.
    notes.length = 0;
    const again = await resolveServices(options);
    try {
      expect(noteFor('Postgres')).toContain(`; started embedded PostgreSQL on 127.0.0.1:${port}`);
      expect(
        await query(again.databaseUrl, 'SELECT count(*)::int AS n FROM kept_between_runs'),
      ).toEqual([{ n: 0 }]);
    } finally {
      await again.stop();
    }
    expect(await isPortOpen({ host: '127.0.0.1', port })).toBe(false);
  });

  it('spawns redis-server when REDIS_URL is unset and none answers locally', async () => {
    const port = await freePort();
    const services = await resolveServices({
      env,
      localRedis: { host: '127.0.0.1', port: closedPort },
      spawnedRedisPort: port,
      dataDir,
      databaseUrl: 'postgres://unused@127.0.0.1:1/unused', // given, so this test starts Redis only
      log,
    });
    try {
      expect(services.redisUrl).toBe(`redis://127.0.0.1:${port}`);
      expect(noteFor('Redis')).toContain(`started redis-server on 127.0.0.1:${port}`);
      const redis = new Redis(services.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      try {
        expect(await redis.ping()).toBe('PONG');
      } finally {
        await redis.quit();
      }
    } finally {
      await services.stop();
    }
    expect(await isPortOpen({ host: '127.0.0.1', port })).toBe(false);
    await expect(services.stop()).resolves.toBeUndefined();
  });

  it('says what to install when no Redis answers and redis-server is not on PATH', async () => {
    const attempt = resolveServices({
      env: { PATH: '' },
      localRedis: { host: '127.0.0.1', port: closedPort },
      spawnedRedisPort: closedPort,
      dataDir,
      databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
      log,
    });
    await expect(attempt).rejects.toThrow(DevServicesError);
    await expect(attempt).rejects.toThrow(/REDIS_URL.*apt-get install redis-server/);
  });

  it('uses DATABASE_URL and REDIS_URL as they are, starting nothing', async () => {
    const services = await resolveServices({
      env: {
        DATABASE_URL: 'postgres://someone:secret@db.example:5432/tt',
        REDIS_URL: 'redis://cache.example:6379',
      },
      log,
    });
    expect(services.databaseUrl).toBe('postgres://someone:secret@db.example:5432/tt');
    expect(services.redisUrl).toBe('redis://cache.example:6379');
    expect(notes.join('\n')).not.toContain('secret');
    await services.stop();
  });
});
