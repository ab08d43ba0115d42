import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase, uniqueName } from '../db/test-database';
import { resolveServices } from '../dev-services/resolve-services';
import { deleteRedisKeys } from '../dev-services/redis-keys';

export interface FuzzEnvironment {
  /** Also the Redis key prefix (QUEUE_PREFIX) of the run. */
  runName: string;
  exportDir: string;
  /** Drops the database and the run's Redis keys, removes the export files, stops what was started. */
  cleanUp(): Promise<void>;
}

/**
 * A throwaway world for `npm run fuzz`, like the e2e global setup's: Postgres and Redis found
 * or started as `npm start` does, a fresh database and queue prefix, a temporary export folder,
 * all set in process.env for the app to read.
 */
export async function prepareFuzzEnvironment(
  log: (line: string) => void,
): Promise<FuzzEnvironment> {
  const services = await resolveServices({ log });
  const runName = uniqueName('tt_fuzz');
  try {
    process.env.DATABASE_URL = await createDatabase(services.databaseUrl, runName);
  } catch (error) {
    await services.stop();
    throw error;
  }
  process.env.REDIS_URL = services.redisUrl;
  process.env.QUEUE_PREFIX = runName;
  const exportDir = await mkdtemp(join(tmpdir(), 'tt-fuzz-exports-'));
  return {
    runName,
    exportDir,
    cleanUp: async () => {
      try {
        await dropDatabase(services.databaseUrl, runName);
        await deleteRedisKeys(services.redisUrl, `${runName}*`);
        await rm(exportDir, { recursive: true, force: true });
      } finally {
        await services.stop();
      }
    },
  };
}
