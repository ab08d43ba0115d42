import { Client } from 'pg';
import { BackupError, EXIT } from './backup-error';
import { readDatabaseState, stateDifferences, type DatabaseState } from './database-state';
import { sha256OfFile } from './file-digest';
import type { BackupManifest } from './manifest';
import { findPgTool, serverMajor } from './pg-tools';
import { byteProgress } from './progress';
import { describeToolFailure, libpqConnection, runTool } from './run-tool';
import { dropCreatedDatabase, prepareTarget, withClient } from './target-database';

export interface RestoreOptions {
  dumpPath: string;
  manifest: BackupManifest;
  /** Any database on the target server: the connection's credentials and host. */
  serverUrl: string;
  database: string;
  force: boolean;
  /** pg_restore --no-privileges: for a server without the original's roles. */
  noPrivileges?: boolean;
  log?: (line: string) => void;
}

export interface RestoreResult {
  database: string;
  state: DatabaseState;
}

/** Checks the dump against its manifest's size and sha256 before anything is touched. */
export async function checkDumpIntegrity(
  dumpPath: string,
  manifest: BackupManifest,
): Promise<void> {
  const progress = byteProgress('sha256 checked');
  let digest: { sha256: string; size: number };
  try {
    digest = await sha256OfFile(dumpPath, (bytes) => progress.update(bytes));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new BackupError(`cannot read the dump ${dumpPath} (${code})`);
  }
  progress.done(digest.size);
  if (digest.sha256 !== manifest.dump.sha256 || digest.size !== manifest.dump.size) {
    throw new BackupError(
      `${dumpPath} does not match its manifest: sha256 ${digest.sha256} (${digest.size} bytes), ` +
        `the manifest says ${manifest.dump.sha256} (${manifest.dump.size} bytes). The file is ` +
        'damaged or not this backup; nothing was restored.',
      EXIT.checkFailed,
    );
  }
}

/**
 * Restores a verified dump into `database` (created if missing; refused when it has tables,
 * unless `force`), with `pg_restore --no-owner --single-transaction --exit-on-error`, then
 * checks the restored audit head, tree checkpoint and migration head equal the manifest's.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { manifest } = options;
  await checkDumpIntegrity(options.dumpPath, manifest);
  log(`sha256 matches the manifest (${manifest.dump.sha256})`);

  const versionNum = await withClient(options.serverUrl, async (client: Client) =>
    Number(
      (await client.query<{ num: string }>("SELECT current_setting('server_version_num') AS num"))
        .rows[0].num,
    ),
  );
  // pg_restore must read the archive (pg_dump's major) and speak to the server.
  const pgRestore = findPgTool(
    'pg_restore',
    Math.max(serverMajor(versionNum), manifest.pgDump.major),
    `Restoring a pg_dump ${manifest.pgDump.version} archive into PostgreSQL ${serverMajor(versionNum)}`,
  );

  const target = await prepareTarget(options.serverUrl, options.database, options.force, log);
  const connection = libpqConnection(target.url);
  log(`pg_restore ${pgRestore.version} (${pgRestore.path}) → database ${options.database}`);
  let steps = 0;
  let last = Date.now();
  const run = await runTool(
    pgRestore.path,
    [
      '--no-owner',
      ...(options.noPrivileges ? ['--no-privileges'] : []),
      '--single-transaction',
      '--exit-on-error',
      '--verbose',
      `--dbname=${connection.dbname}`,
      options.dumpPath,
    ],
    connection.env,
    (line) => {
      const step = /^pg_restore: (creating|processing data for|executing) (.*)$/.exec(line);
      if (!step) return;
      steps += 1;
      if (Date.now() - last < 2000) return;
      last = Date.now();
      log(`… ${steps} steps, now ${step[1]} ${step[2]}`);
    },
  );
  if (run.code !== 0) {
    if (target.created) await dropCreatedDatabase(options.serverUrl, options.database);
    const hint = run.stderrTail.some((line) => /role .* does not exist/.test(line))
      ? ' (the dump grants to roles this server lacks: create them first, e.g. from `pg_dumpall --roles-only` of the old server, or pass --no-privileges)'
      : '';
    throw new BackupError(
      `${describeToolFailure('pg_restore', run)}${hint}. Nothing was restored (one transaction)` +
        (target.created ? `; database ${options.database} was dropped again.` : '.'),
      EXIT.toolFailed,
    );
  }
  log(`pg_restore finished (${steps} steps); ANALYZE for the planner's statistics`);

  const state = await withClient(target.url, async (client) => {
    await client.query('ANALYZE');
    return readDatabaseState(client);
  });
  const differences = stateDifferences(manifest, state);
  if (differences.length > 0) {
    throw new BackupError(
      `restored database ${options.database} does not hold what the manifest describes: ` +
        `${differences.join('; ')}. It is left in place for inspection; do not start the app on it.`,
      EXIT.checkFailed,
    );
  }
  return { database: options.database, state };
}
