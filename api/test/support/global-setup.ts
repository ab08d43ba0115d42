import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveServices } from '../../../ops/dev-services/resolve-services';
import { createDatabase, uniqueName } from '../../../ops/db/test-database';
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
  // Published tree checkpoints belong to this run's fresh database: a directory shared with
  // another run would hold larger checkpoints of another tree, and the sealer would refuse.
  process.env.AUDIT_CHECKPOINT_DIR = mkdtempSync(join(tmpdir(), `${runName}-checkpoints-`));
  // File audit streams that specs create (OWASP, fuzz) write here, not in the checkout's .data.
  process.env.AUDIT_STREAM_FILE_DIR = mkdtempSync(join(tmpdir(), `${runName}-streams-`));
  // Every suite signs in from 127.0.0.1 under this run's prefix, so the per-IP sign-in limit
  // (30 a minute) would be one budget for the whole run. Specs about throttling set their own
  // limits on their own prefix.
  process.env.THROTTLE_AUTH_LIMIT_PER_IP ??= '10000';

  const state: TestRunState = { serverUrl: services.databaseUrl, database: runName, services };
  (globalThis as Record<string, unknown>)[RUN_STATE_KEY] = state;
}
