import { deleteRedisKeys } from '../../../ops/dev-services/redis-keys';
import { RUN_STATE_KEY, TestRunState } from './run-state';
import { dropDatabase } from '../../../ops/db/test-database';

/** Drops the run's database and its Redis keys, and stops any service setup started. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[RUN_STATE_KEY] as TestRunState | undefined;
  if (!state) return;
  try {
    if (process.env.KEEP_TEST_DATABASE !== 'true') {
      await dropDatabase(state.serverUrl, state.database);
      await deleteRedisKeys(state.services.redisUrl, `${state.database}*`);
    }
  } finally {
    await state.services.stop();
  }
}
