import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { createDatabase, dropDatabase, uniqueName } from './test-database';
import { exitWithFailure, UsageError } from '../cli/cli-failure';
import { useServicesForCli } from '../dev-services/services-for-cli';

const ROOT = join(__dirname, '..', '..');
const MIGRATIONS_DIR = join(ROOT, 'migrations');

/**
 * `npm run migration:generate -- <Name>`: diffs the entities against a scratch database that
 * has every existing migration applied (never against the dev database, whose state may
 * drift), writes `migrations/<timestamp>-<Name>.ts` and registers it in migrations/index.ts.
 */
async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new UsageError('Usage: npm run migration:generate -- <PascalCaseName>');
  }
  // The server every CLI uses (DATABASE_URL, else the running `npm start`'s), never its data.
  const source = await useServicesForCli({ database: true, redis: false });
  if (source) process.stderr.write(`${source}\n`);
  const serverUrl = process.env.DATABASE_URL ?? '';
  const scratch = uniqueName('tt_migration');
  const url = await createDatabase(serverUrl, scratch);
  try {
    const dataSource = new DataSource(
      typeormOptions({
        url,
        poolSize: 2,
        connectTimeoutMs: 5000,
        applicationName: 'migration-generate',
      }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();

    const before = new Set(readdirSync(MIGRATIONS_DIR));
    const result = spawnSync(
      'npx',
      [
        'typeorm-ts-node-commonjs',
        'migration:generate',
        `migrations/${name}`,
        '-d',
        'ops/db/data-source.ts',
        '--pretty',
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } },
    );
    if (result.status !== 0) process.exitCode = result.status ?? 1;
    const created = readdirSync(MIGRATIONS_DIR).find((file) => !before.has(file));
    if (created) register(created);
  } finally {
    await dropDatabase(serverUrl, scratch);
  }
}

/** Adds the new migration class to the ordered list the app and the CLI load. */
function register(file: string) {
  const source = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
  const className = /export class (\w+)/.exec(source)?.[1];
  if (!className) throw new Error(`No migration class found in ${file}`);
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(
      /(\nexport const MIGRATIONS)/,
      `import { ${className} } from './${file.replace(/\.ts$/, '')}';\n$1`,
    )
    .replace(/\];\s*$/, `, ${className}];\n`);
  writeFileSync(indexPath, index);
  process.stdout.write(`Registered ${className} in migrations/index.ts (run \`npm run format\`)\n`);
}

main().catch((error: unknown) => exitWithFailure('migration:generate', error));
