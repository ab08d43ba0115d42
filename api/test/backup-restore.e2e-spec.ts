import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditSealerService } from '../src/audit-log/audit-sealer.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import { TreeCheckpointer } from '../src/audit-log/tree/tree-checkpointer.service';
import { createDatabase, dropDatabase, uniqueName, withDatabase } from '../../ops/db/test-database';
import { runAuditVerify } from './support/audit-cli';
import { createUser, TestUser } from './support/auth-helpers';
import { runDbScript } from './support/backup-cli';
import { startTestApp, TestApp } from './support/test-app';

// Backup, restores and verifies each run a ts-node process: slow on a busy machine.
jest.setTimeout(300_000);

const HOUR = 3_600_000;
const ORIGIN = 'tasktrackr.test/backup-restore';

interface Manifest {
  createdAt: string;
  database: string;
  server: { version: string; versionNum: number };
  dump: { file: string; size: number; sha256: string };
  audit: {
    lastSeq: string | null;
    lastHash: string | null;
    treeCheckpoint: { size: number; root: string; createdAt: string } | null;
  };
  migrationHead: string | null;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function auditHead(url: string): Promise<{ seq: string; hash: string }> {
  const [row] = await query<{ seq: string; hash: string }>(
    url,
    'SELECT seq::text AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  return row;
}

async function createTasks(user: TestUser, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const { response } = await user.client.POST('/api/v1/tasks', {
      body: { title: `Backed-up task ${i}` },
    });
    expect(response.status).toBe(201);
  }
}

/** Seals what is pending and signs a checkpoint as if the max delay had passed. */
async function sealAndCheckpoint(app: TestApp): Promise<number> {
  await app.app.get(AuditSealerService).drain();
  const outcome = await app.app
    .get(TreeCheckpointer)
    .maybeCheckpoint(new Date(Date.now() + 2 * HOUR));
  expect(outcome.status).toBe('signed');
  return (outcome as { size: number }).size;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('db:backup and db:restore: a restored database verifies, checkpoints included (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const source = uniqueName('tt_backup_src');
  const restored = uniqueName('tt_backup_dst');
  const rewound = uniqueName('tt_backup_old');
  const mismatched = uniqueName('tt_backup_bad');
  const created = [source, restored, rewound, mismatched];
  const work = mkdtempSync(join(tmpdir(), 'tt-backup-'));
  const checkpointDir = join(work, 'checkpoints');
  const keyFile = join(work, 'audit-signing-key.pem');
  const outDir = join(work, 'backups');
  let app: TestApp | undefined;
  let publishedSize = 0;
  /** Checkpoint files published by the original app (the first signs right away). */
  let publishedBefore = 0;
  let dumpPath = '';
  let manifest: Manifest;

  const appConfig = (database: string) => ({
    DATABASE_URL: withDatabase(serverUrl, database),
    QUEUE_PREFIX: database,
    AUDIT_CHECKPOINT_DIR: checkpointDir,
    AUDIT_SIGNING_KEY_FILE: keyFile,
    AUDIT_LOG_ORIGIN: ORIGIN,
    // Checkpoints only when the test asks (sealAndCheckpoint), or the first one.
    AUDIT_CHECKPOINT_MAX_DELAY_MS: String(HOUR),
  });
  const published = () => readdirSync(checkpointDir).filter((f) => f.endsWith('.checkpoint'));
  const restore = (args: string[]) => runDbScript('restore', args, { DATABASE_URL: serverUrl });
  const verifyCli = (database: string) =>
    runAuditVerify([], {
      DATABASE_URL: withDatabase(serverUrl, database),
      AUDIT_CHECKPOINT_DIR: checkpointDir,
      AUDIT_SIGNING_KEY_FILE: keyFile,
    });

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await createDatabase(serverUrl, source);
    app = await startTestApp({ role: 'all', configOverrides: appConfig(source) });
    const user = await createUser(app);
    await createTasks(user, 3);
    await sealAndCheckpoint(app);
    await createTasks(user, 2);
    publishedSize = await sealAndCheckpoint(app);
    publishedBefore = published().length;
    expect(publishedBefore).toBeGreaterThanOrEqual(2);
  });

  afterAll(async () => {
    await app?.close();
    for (const database of created) await dropDatabase(serverUrl, database);
    rmSync(work, { recursive: true, force: true });
  });

  it('db:backup writes the dump and a manifest of exactly what it holds, and nothing else', async () => {
    const run = await runDbScript('backup', ['--out', outDir], {
      DATABASE_URL: withDatabase(serverUrl, source),
    });
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stderr).toMatch(/written: .* done/);
    dumpPath = String(run.result?.dumpPath);
    manifest = JSON.parse(readFileSync(String(run.result?.manifestPath), 'utf8')) as Manifest;
    expect(run.result?.manifest).toEqual(manifest);
    expect(readdirSync(outDir).sort()).toEqual(
      [manifest.dump.file, manifest.dump.file.replace(/\.dump$/, '.manifest.json')].sort(),
    );

    const head = await auditHead(withDatabase(serverUrl, source));
    const [latest] = await query<{ size: number; root: Buffer }>(
      withDatabase(serverUrl, source),
      'SELECT tree_size::int AS size, root FROM audit_tree_checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    const [migration] = await query<{ name: string }>(
      withDatabase(serverUrl, source),
      'SELECT name FROM typeorm_migrations ORDER BY id DESC LIMIT 1',
    );
    expect(manifest).toMatchObject({
      database: source,
      dump: { sha256: sha256(dumpPath), size: readFileSync(dumpPath).length },
      audit: {
        lastSeq: head.seq,
        lastHash: head.hash,
        treeCheckpoint: { size: publishedSize, root: latest.root.toString('base64') },
      },
      migrationHead: migration.name,
    });
    expect(latest.size).toBe(publishedSize);
    expect(manifest.server.versionNum).toBeGreaterThanOrEqual(150000);
  });

  it('a dump with one byte flipped is refused by the sha256 check, and nothing is created', async () => {
    const corrupt = join(work, 'corrupt.dump');
    const bytes = readFileSync(dumpPath);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(corrupt, bytes);
    const manifestPath = dumpPath.replace(/\.dump$/, '.manifest.json');
    const run = await restore([
      '--from',
      corrupt,
      '--manifest',
      manifestPath,
      '--database',
      restored,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`db:restore failed: ${corrupt} does not match its manifest`);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const exists = await query(
      withDatabase(serverUrl, 'postgres'),
      `SELECT 1 FROM pg_database WHERE datname = '${restored}'`,
    );
    expect(exists).toHaveLength(0);
  });

  it('a restored audit head that differs from the manifest fails the restore (exit 1)', async () => {
    // A manifest that promises another head for the same (intact) dump.
    const other = join(work, 'other.manifest.json');
    const promised = { ...manifest, audit: { ...manifest.audit, lastHash: 'f'.repeat(64) } };
    writeFileSync(other, JSON.stringify(promised));
    const run = await restore(['--from', dumpPath, '--manifest', other, '--database', mismatched]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `db:restore failed: restored database ${mismatched} does not hold what the manifest describes: ` +
        `its chain hash: the manifest says "${'f'.repeat(64)}", the database has "${manifest.audit.lastHash}"`,
    );
  });

  it('restores into a fresh database; refuses a non-empty one without --force, and replaces it with', async () => {
    const first = await restore(['--from', dumpPath, '--database', restored]);
    expect({ code: first.code, stderr: first.stderr }).toMatchObject({ code: 0 });
    expect(first.result).toMatchObject({ ok: true, database: restored, audit: manifest.audit });
    expect(await auditHead(withDatabase(serverUrl, restored))).toEqual({
      seq: manifest.audit.lastSeq,
      hash: manifest.audit.lastHash,
    });

    // A marker only the first restore's database has: --force must replace it.
    await query(withDatabase(serverUrl, restored), 'CREATE TABLE restore_marker (x int)');
    const refused = await restore(['--from', dumpPath, '--database', restored]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      new RegExp(
        `database ${restored} is not empty \\(\\d+ tables or views: .*\\); restore refuses to write over it\\. Pass --force`,
      ),
    );
    expect(await query(withDatabase(serverUrl, restored), 'SELECT * FROM restore_marker')).toEqual(
      [],
    );

    const forced = await restore(['--from', dumpPath, '--database', restored, '--force']);
    expect({ code: forced.code, stderr: forced.stderr }).toMatchObject({ code: 0 });
    const marker = await query<{ exists: boolean }>(
      withDatabase(serverUrl, restored),
      "SELECT to_regclass('restore_marker') IS NOT NULL AS exists",
    );
    expect(marker).toEqual([{ exists: false }]);
  });

  it('the app on the restored database, same checkpoints and key, verifies and extends the tree', async () => {
    // The original is gone (as in a real restore): one log, one writer of its checkpoints.
    await app?.close();
    app = await startTestApp({ role: 'all', configOverrides: appConfig(restored) });
    const verifier = app.app.get(AuditVerifierService);
    expect(await verifier.verify()).toMatchObject({
      ok: true,
      checkpointsChecked: publishedBefore,
    });
    const cli = await verifyCli(restored);
    expect(cli).toMatchObject({
      code: 0,
      result: { ok: true, checkpointsChecked: publishedBefore },
    });
    const auditor = await createUser(app, { roles: ['auditor'] });
    const http = await auditor.client.GET('/api/v1/audit/verify', {});
    expect(http.data).toMatchObject({ ok: true });

    // A new writer and a new task: events sealed after the restored head.
    await createTasks(await createUser(app), 1);
    const size = await sealAndCheckpoint(app);
    expect(size).toBeGreaterThan(publishedSize);
    expect(published()).toHaveLength(publishedBefore + 1);
    expect(BigInt((await auditHead(withDatabase(serverUrl, restored))).seq)).toBeGreaterThan(
      BigInt(manifest.audit.lastSeq ?? '0'),
    );
    expect(await verifier.verify()).toMatchObject({
      ok: true,
      checkpointsChecked: publishedBefore + 1,
    });
    expect(await verifyCli(restored)).toMatchObject({
      code: 0,
      result: { ok: true, checkpointsChecked: publishedBefore + 1 },
    });
  });

  it('restoring the older backup after newer checkpoints were published is reported as a rollback', async () => {
    const run = await restore(['--from', dumpPath, '--database', rewound]);
    expect(run.code).toBe(0);
    const cli = await verifyCli(rewound);
    expect(cli.code).toBe(1);
    expect(String(cli.result?.reason)).toMatch(
      new RegExp(
        `^the log has ${manifest.audit.lastSeq} events but checkpoint \\d+ \\(.*\\.checkpoint\\) was published: events were deleted or rolled back$`,
      ),
    );
  });
});
