import Redis from 'ioredis';
import { Client } from 'pg';
import { DevServicesError, describeError } from './errors';
import { loadDotenvLikeTheApi } from './load-dotenv';
import { withDefaults, type DevServicesOptions } from './options';
import { resolvePostgres } from './postgres';
import { resolveRedis } from './redis';
import { describeUrl } from './resolved-service';
import { readServicesRecord } from './services-record';

export interface CliNeeds {
  database: boolean;
  redis: boolean;
}

const CONNECT_TIMEOUT_MS = 5000;

/**
 * Gives a CLI the Postgres (and Redis) `npm start` uses, in process.env, by the same rules
 * everywhere: DATABASE_URL / REDIS_URL set (environment or .env) win; else what the running
 * `npm start` recorded in `.data/services.env`; else the resolver, finding running services
 * only (a CLI starts nothing). Then checks they answer, so a failure is one sentence rather
 * than a stack from deep inside the app. Returns a line saying where the services came from
 * (undefined when the environment named them).
 */
export async function useServicesForCli(
  needs: CliNeeds,
  options: DevServicesOptions = {},
): Promise<string | undefined> {
  loadDotenvLikeTheApi();
  const env = options.env ?? process.env;
  const settings = withDefaults({ ...options, env, startMissing: false, log: () => undefined });
  const missing = {
    database: needs.database && !settings.databaseUrl,
    redis: needs.redis && !settings.redisUrl,
  };
  let source: string | undefined;
  if (missing.database || missing.redis) {
    const record = readServicesRecord(settings.dataDir);
    if (record) {
      if (missing.database) env.DATABASE_URL = record.databaseUrl;
      if (missing.redis) env.REDIS_URL = record.redisUrl;
      source = `the running npm start (pid ${record.pid})`;
    } else {
      const [postgres, redis] = await Promise.allSettled([
        missing.database ? resolvePostgres(settings) : undefined,
        missing.redis ? resolveRedis(settings) : undefined,
      ]);
      // Both failures in one message, Postgres first, whichever answered first.
      const failures = [postgres, redis].filter((r) => r.status === 'rejected');
      if (failures.length > 0) {
        throw new DevServicesError(failures.map((f) => describeError(f.reason)).join(' '));
      }
      if (postgres.status === 'fulfilled' && postgres.value) env.DATABASE_URL = postgres.value.url;
      if (redis.status === 'fulfilled' && redis.value) env.REDIS_URL = redis.value.url;
      source = 'the services found running';
    }
  }

  const from = (name: string, wasMissing: boolean) => (wasMissing ? source : name);
  if (needs.database) {
    await checkPostgres(env.DATABASE_URL ?? '', from('DATABASE_URL', missing.database));
  }
  if (needs.redis) await checkRedis(env.REDIS_URL ?? '', from('REDIS_URL', missing.redis));
  if (!source) return undefined;
  const used = [
    missing.database ? `Postgres ${describeUrl(env.DATABASE_URL ?? '')}` : undefined,
    missing.redis ? `Redis ${describeUrl(env.REDIS_URL ?? '')}` : undefined,
  ].filter(Boolean);
  return `Using ${used.join(' and ')}, from ${source}.`;
}

async function checkPostgres(url: string, from: string | undefined): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    throw new DevServicesError(
      `Cannot reach PostgreSQL at ${describeUrl(url)} (from ${from}): ${describeError(error)}.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string, from: string | undefined): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // reported through connect()'s rejection
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new DevServicesError(
      `Cannot reach Redis at ${describeUrl(url)} (from ${from}): ${describeError(error)}.`,
    );
  } finally {
    redis.disconnect();
  }
}
