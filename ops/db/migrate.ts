import { runMigrationsLocked } from '../../api/src/database/run-migrations';
import { exitWithFailure, UsageError } from '../cli/cli-failure';
import { cliDataSource } from './cli-data-source';

const USAGE = `Usage: npm run migration:run | npm run migration:revert
Applies every pending migration, or undoes the last one, on the database the running
\`npm start\` uses (or DATABASE_URL when set).`;

/** `npm run migration:run` / `migration:revert`, reporting in one line what was done. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'run' && command !== 'revert') throw new UsageError(USAGE);
  const dataSource = await (await cliDataSource('tasktrackr-migrations')).initialize();
  try {
    if (command === 'run') {
      // Under the same advisory lock as the app's start-up, so both never race.
      const applied = await runMigrationsLocked(dataSource, { log: () => undefined });
      process.stdout.write(
        applied.length === 0
          ? 'No pending migrations.\n'
          : `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`,
      );
      return;
    }
    const [table] = await dataSource.query<{ exists: boolean }[]>(
      "SELECT to_regclass('typeorm_migrations') IS NOT NULL AS exists",
    );
    const executed = table?.exists
      ? await dataSource.query<{ name: string }[]>(
          'SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1',
        )
      : [];
    const last = executed[0];
    if (!last) {
      process.stdout.write('No migration to revert.\n');
      return;
    }
    await dataSource.undoLastMigration({ transaction: 'each' });
    process.stdout.write(`Reverted ${last.name}\n`);
  } finally {
    await dataSource.destroy();
  }
}

const command = process.argv[2];
const name = command === 'run' || command === 'revert' ? `migration:${command}` : 'migration';
main(command).catch((error: unknown) => exitWithFailure(name, error));
