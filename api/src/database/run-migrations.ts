import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';
import { withAdvisoryLock } from './advisory-lock';

/** Any constant works; it only has to be the same for every replica of this app. */
const MIGRATION_LOCK_KEY = 7_246_118_001;

/**
 * Applies pending migrations under a Postgres advisory lock, so API replicas and workers
 * starting together never run the same migration twice. The lock is held by a transaction
 * (`withAdvisoryLock`), so this works as well through PgBouncer in transaction pooling mode as
 * on a direct connection; the pool needs two connections (one holds the lock).
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  logger: Pick<Logger, 'log'> = new Logger('Migrations'),
): Promise<Migration[]> {
  const applied = await withAdvisoryLock(
    dataSource,
    MIGRATION_LOCK_KEY,
    () => dataSource.runMigrations({ transaction: 'each' }),
    { onWait: () => logger.log('Another process is applying migrations; waiting for it') },
  );
  if (applied.length > 0) {
    logger.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
  }
  return applied;
}
