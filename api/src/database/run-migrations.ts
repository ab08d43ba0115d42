import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';

/** Any constant works; it only has to be the same for every replica of this app. */
const MIGRATION_LOCK_KEY = 7_246_118_001;

/**
 * Applies pending migrations under a Postgres advisory lock, so API replicas and workers
 * starting together never run the same migration twice.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  logger: Pick<Logger, 'log'> = new Logger('Migrations'),
): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      logger.log(
        `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`,
      );
    }
    return applied;
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}
