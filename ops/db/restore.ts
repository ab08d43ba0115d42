import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/cli-failure';
import { useServicesForCli } from '../dev-services/services-for-cli';
import { manifestPathFor, readManifest } from './backups/manifest';
import { restoreBackup } from './backups/restore-backup';
import { checkTargetName } from './backups/target-database';
import { BackupError } from './backups/backup-error';
import { runBackupCli } from './backups/run-cli';

const USAGE = `Usage: npm run db:restore -- --from FILE.dump --database NAME [--force]
                          [--manifest FILE] [--database-url URL] [--no-privileges]
  Restores a db:backup dump into database NAME on the server of DATABASE_URL (or
  --database-url; only its host, port and credentials are used):
  1. checks the dump's sha256 and size against FILE.manifest.json (or --manifest);
  2. creates NAME if it does not exist; refuses if it has tables, unless --force, which drops
     and recreates it (never while other sessions use it);
  3. pg_restore --no-owner --single-transaction --exit-on-error (all or nothing);
  4. checks the restored last audit seq and hash, latest tree checkpoint and migration head
     equal the manifest's.
  Then start the app on NAME with the SAME AUDIT_CHECKPOINT_DIR and signing key, and run
  npm run audit:verify (docs/operations.md, "Back up and restore").
  --no-privileges skips the dump's GRANTs, for a server without the original's roles.
  Prints {ok, database, audit, migrationHead} as one JSON line; progress goes to stderr.
Exit codes: 0 restored and checked, 1 a check failed (sha256, or the restored audit head),
2 misuse or cannot run, 3 refused (NAME has tables; --force), 4 pg_restore failed.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      database: { type: 'string' },
      force: { type: 'boolean', default: false },
      manifest: { type: 'string' },
      'database-url': { type: 'string' },
      'no-privileges': { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.from) throw new UsageError('--from FILE.dump is required');
  if (!values.database) throw new UsageError('--database NAME is required');
  checkTargetName(values.database);
  const dumpPath = resolve(values.from);
  if (!existsSync(dumpPath)) throw new BackupError(`no such file: ${dumpPath}`);
  const manifest = readManifest(values.manifest ?? manifestPathFor(dumpPath));
  if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
  const source = await useServicesForCli({ database: true, redis: false });
  if (source) process.stderr.write(`${source}\n`);
  const result = await restoreBackup({
    dumpPath,
    manifest,
    serverUrl: process.env.DATABASE_URL ?? '',
    database: values.database,
    force: values.force,
    noPrivileges: values['no-privileges'],
  });
  process.stderr.write(
    `restored ${manifest.dump.file} (${manifest.createdAt}) into database ${result.database}: ` +
      `audit seq ${result.state.audit.lastSeq ?? 'none'} and its hash match the manifest\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ ok: true, database: result.database, ...result.state })}\n`,
  );
  return 0;
}

runBackupCli('db:restore', USAGE, main);
