import { resolveServices } from '../../../ops/dev-services/resolve-services';
import { createDatabase, uniqueName } from './test-database';
import { RUN_STATE_KEY, TestRunState } from './run-state';

/**
 * Once per e2e run: find or start Postgres and Redis exactly as `npm start` does, then create
 * a fresh database and a fresh queue prefix, so a run never touches the dev data or another run.
 */
export default async function globalSetup(): Promise<void> {
  const services = await resolveServices();
  const runName = uniqueName('tt_test');
  const databaseUrl = await createDatabase(services.databaseUrl, runName);

  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = services.redisUrl;
  process.env.QUEUE_PREFIX = runName;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';

  const state: TestRunState = { serverUrl: services.databaseUrl, database: runName, services };
  (globalThis as Record<string, unknown>)[RUN_STATE_KEY] = state;
}
