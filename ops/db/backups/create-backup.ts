import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { BackupError, EXIT } from './backup-error';
import { readDatabaseState } from './database-state';
import { sha256OfFile } from './file-digest';
import { MANIFEST_FORMAT, type BackupManifest } from './manifest';
import { findPgTool, serverMajor } from './pg-tools';
import { byteProgress } from './progress';
import { describeToolFailure, libpqConnection, runTool } from './run-tool';

export interface BackupOptions {
  url: string;
  outDir: string;
  /** File name without extension; default `<database>-<UTC time>`. */
  name?: string;
  log?: (line: string) => void;
}

export interface BackupResult {
  dumpPath: string;
  manifestPath: string;
  manifest: BackupManifest;
}

/** 2026-11-30T05:41:12.123Z → 20261130T054112Z */
function compactTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Dumps the database with `pg_dump -Fc` inside a snapshot exported by a REPEATABLE READ
 * transaction, and reads the manifest's facts (audit head, tree checkpoint, migration head)
 * in that same snapshot: the manifest describes exactly the data in the dump. Files appear
 * only complete: written under temporary names, renamed dump first, manifest last; a failure
 * removes both.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const client = new Client({ connectionString: options.url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined); // a dropped connection surfaces through the next query
  await client.connect();
  const cleanup: string[] = [];
  const removePartial = () => cleanup.forEach((path) => rmSync(path, { force: true }));
  let stopDump: () => void = () => undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stopDump(); // pg_dump would go on writing into the removed file
    removePartial();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    const { rows } = await client.query<{ database: string; version: string; num: string }>(
      `SELECT current_database() AS database, current_setting('server_version') AS version,
              current_setting('server_version_num') AS num`,
    );
    const server = { version: rows[0].version, versionNum: Number(rows[0].num) };
    const database = rows[0].database;
    const pgDump = findPgTool(
      'pg_dump',
      serverMajor(server.versionNum),
      `PostgreSQL ${server.version} (database ${database})`,
    );

    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (
      await client.query<{ id: string; at: Date }>(
        'SELECT pg_export_snapshot() AS id, clock_timestamp() AS at',
      )
    ).rows[0];
    const state = await readDatabaseState(client);

    const name = options.name ?? `${database}-${compactTime(snapshot.at)}`;
    const outDir = resolve(options.outDir);
    mkdirSync(outDir, { recursive: true });
    const dumpPath = join(outDir, `${name}.dump`);
    const manifestPath = join(outDir, `${name}.manifest.json`);
    for (const path of [dumpPath, manifestPath]) {
      if (existsSync(path)) throw new BackupError(`${path} already exists; choose another --name`);
    }
    const partialDump = join(outDir, `.${name}.dump.partial-${process.pid}`);
    const partialManifest = join(outDir, `.${name}.manifest.json.partial-${process.pid}`);
    cleanup.push(partialDump, partialManifest);

    log(`pg_dump ${pgDump.version} (${pgDump.path}) → ${dumpPath}`);
    const connection = libpqConnection(options.url);
    const written = byteProgress('written');
    const poll = setInterval(() => {
      if (existsSync(partialDump)) written.update(statSync(partialDump).size);
    }, 500);
    const run = await runTool(
      pgDump.path,
      [
        '--format=custom',
        `--snapshot=${snapshot.id}`,
        `--file=${partialDump}`,
        `--dbname=${connection.dbname}`,
      ],
      connection.env,
      undefined,
      (kill) => (stopDump = kill),
    ).finally(() => clearInterval(poll));
    await client.query('COMMIT');
    if (run.code !== 0) throw new BackupError(describeToolFailure('pg_dump', run), EXIT.toolFailed);

    const hashing = byteProgress('sha256');
    const digest = await sha256OfFile(partialDump, (bytes) => hashing.update(bytes));
    written.done(digest.size);

    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      createdAt: snapshot.at.toISOString(),
      database,
      server,
      pgDump: { path: pgDump.path, version: pgDump.version, major: pgDump.major },
      dump: { file: `${name}.dump`, size: digest.size, sha256: digest.sha256 },
      audit: state.audit,
      migrationHead: state.migrationHead,
    };
    writeFileSync(partialManifest, `${JSON.stringify(manifest, null, 2)}\n`, {
      flag: 'wx',
      flush: true,
    });
    renameSync(partialDump, dumpPath);
    cleanup.push(dumpPath); // until the manifest is in place, a dump alone is a failed backup
    renameSync(partialManifest, manifestPath);
    cleanup.length = 0;
    return { dumpPath, manifestPath, manifest };
  } finally {
    process.removeListener('SIGINT', onSignal).removeListener('SIGTERM', onSignal);
    removePartial();
    await client.end().catch(() => undefined);
  }
}
