import Redis from 'ioredis';
import { RUN_STATE_KEY, TestRunState } from './run-state';
import { dropDatabase } from '../../../ops/db/test-database';

/** Drops the run's database and its Redis keys, and stops any service setup started. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[RUN_STATE_KEY] as TestRunState | undefined;
  if (!state) return;
  try {
    if (process.env.KEEP_TEST_DATABASE !== 'true') {
      await dropDatabase(state.serverUrl, state.database);
      await deleteKeys(state.services.redisUrl, `${state.database}*`);
    }
  } finally {
    await state.services.stop();
  }
}

async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
