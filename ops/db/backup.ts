import { parseArgs } from 'node:util';
import { UsageError } from '../cli/cli-failure';
import { useServicesForCli } from '../dev-services/services-for-cli';
import { createBackup } from './backups/create-backup';
import { formatBytes } from './backups/progress';
import { runBackupCli } from './backups/run-cli';

const USAGE = `Usage: npm run db:backup -- [--out DIR] [--name NAME] [--database-url URL]
  Dumps the database (DATABASE_URL, or --database-url) with pg_dump -Fc into DIR (default
  .data/backups) as NAME.dump (default <database>-<UTC time>), and writes NAME.manifest.json
  beside it: time, database, server version, size and sha256 of the dump, the last sealed
  audit seq and its chain hash, the latest tree checkpoint, the migration head, all read in the
  dump's own snapshot. Files appear only when complete; a failed dump leaves neither.
  Not in the dump: AUDIT_CHECKPOINT_DIR and the signing key (docs/operations.md).
  Prints the manifest's path and contents as one JSON line; progress goes to stderr.
Exit codes: 0 written, 2 misuse or cannot run (no suitable pg_dump: it says what to
install), 4 pg_dump failed.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: '.data/backups' },
      name: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(values.name)) {
    throw new UsageError('--name takes letters, digits, ".", "_" and "-" (it becomes a file name)');
  }
  if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
  const source = await useServicesForCli({ database: true, redis: false });
  if (source) process.stderr.write(`${source}\n`);
  const result = await createBackup({
    url: process.env.DATABASE_URL ?? '',
    outDir: values.out,
    name: values.name,
  });
  const { manifest } = result;
  process.stderr.write(
    `backed up ${manifest.database} (${formatBytes(manifest.dump.size)}, audit seq ` +
      `${manifest.audit.lastSeq ?? 'none'}) to ${result.dumpPath}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ dumpPath: result.dumpPath, manifestPath: result.manifestPath, manifest })}\n`,
  );
  return 0;
}

runBackupCli('db:backup', USAGE, main);
