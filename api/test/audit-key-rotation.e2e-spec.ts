import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import { keyIdOf } from '../src/audit-log/chain/checkpoint-signer';
import { openCheckpoint, vkey } from '../src/audit-log/merkle';
import { AuditTreeService } from '../src/audit-log/tree/audit-tree.service';
import { MetricsRegistry } from '../src/metrics/metrics.registry';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { checkpointNow, recordAndSeal } from './audit/isolated-audit-app';
import { runAuditVerify } from './support/audit-cli';
import { startTestApp, TestApp } from './support/test-app';

const ORIGIN = 'tasktrackr.test/audit-rotation';
const HOUR = 3_600_000;

function pem(key: KeyObject, type: 'pkcs8' | 'spki'): string {
  return key.export({ type, format: 'pem' }).toString();
}

async function refusing(app: TestApp): Promise<number> {
  const metric = await app.app
    .get(MetricsRegistry)
    .registry.getSingleMetric('audit_checkpoint_refusing')
    ?.get();
  return metric?.values[0]?.value ?? 0;
}

/**
 * Rotating AUDIT_SIGNING_KEY (issue #18): checkpoints signed with key A, then the same
 * database and checkpoint directory under key B with A in AUDIT_PREVIOUS_PUBLIC_KEYS. The
 * sealer extends A's published checkpoint with B; verification (service, CLI) accepts both and
 * names which key signed what; without A in the previous keys both refuse, naming the key.
 */
describe('audit signing key rotation (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_keyrot');
  const keyA = generateKeyPairSync('ed25519');
  const keyB = generateKeyPairSync('ed25519');
  const idA = keyIdOf(keyA.publicKey);
  const idB = keyIdOf(keyB.publicKey);
  let url: string;
  let dir: string;
  let keyDir: string;
  let app: TestApp | undefined;

  function start(signing: KeyObject, previous: string): Promise<TestApp> {
    return startTestApp({
      role: 'all',
      configOverrides: {
        DATABASE_URL: url,
        QUEUE_PREFIX: database,
        AUDIT_CHECKPOINT_DIR: dir,
        AUDIT_CHECKPOINT_MAX_DELAY_MS: String(HOUR),
        AUDIT_CHECKPOINT_EVERY: '3',
        AUDIT_LOG_ORIGIN: ORIGIN,
        AUDIT_SIGNING_KEY: pem(signing, 'pkcs8'),
        AUDIT_PREVIOUS_PUBLIC_KEYS: previous,
      },
    });
  }

  function cli(args: string[], env: Record<string, string>) {
    return runAuditVerify(args, {
      DATABASE_URL: url,
      AUDIT_CHECKPOINT_DIR: dir,
      AUDIT_SIGNING_KEY: pem(keyB.privateKey, 'pkcs8'),
      ...env,
    });
  }

  function checkpointFile(size: number): string {
    return join(dir, `${String(size).padStart(20, '0')}.checkpoint`);
  }

  beforeAll(async () => {
    url = await createDatabase(serverUrl, database);
    dir = mkdtempSync(join(tmpdir(), 'tt-keyrot-checkpoints-'));
    keyDir = mkdtempSync(join(tmpdir(), 'tt-keyrot-keys-'));
    writeFileSync(join(keyDir, 'a.pem'), pem(keyA.publicKey, 'spki'));
    writeFileSync(join(keyDir, 'b.pem'), pem(keyB.publicKey, 'spki'));
    // Key A: two published checkpoints and chain checkpoints.
    app = await start(keyA.privateKey, '');
    // The first sealed events are checkpointed right away (the sealer), then on request.
    await recordAndSeal(app, 4, 'rotation.a1');
    expect(['signed', 'up-to-date']).toContain((await checkpointNow(app)).status);
    await recordAndSeal(app, 3, 'rotation.a2');
    expect(await checkpointNow(app)).toMatchObject({ status: 'signed' });
    await app.close();
    app = undefined;
  }, 120_000);

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await dropDatabase(serverUrl, database);
    rmSync(dir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('key B with A retired: seals, signs a consistent checkpoint with B, verifies across both', async () => {
    app = await start(keyB.privateKey, pem(keyA.publicKey, 'spki').replace(/\n/g, '\\n'));
    const sizes = readdirSync(dir).filter((name) => name.endsWith('.checkpoint'));
    expect(sizes).toHaveLength(2);
    await recordAndSeal(app, 5, 'rotation.b');
    const outcome = await checkpointNow(app);
    expect(outcome).toMatchObject({ status: 'signed' });
    expect(await refusing(app)).toBe(0);
    const size = (outcome as { size: number }).size;
    // The new note verifies with B (as a witness holding B's vkey checks it), not with A.
    const note = (outcome as { note: string }).note;
    expect(() => openCheckpoint(note, { name: ORIGIN, publicKey: keyB.publicKey })).not.toThrow();
    expect(() => openCheckpoint(note, { name: ORIGIN, publicKey: keyA.publicKey })).toThrow();

    const rows: { key_id: string }[] = await app.dataSource.query(
      'SELECT DISTINCT key_id FROM audit_checkpoints',
    );
    expect(rows.map((row) => row.key_id).sort()).toEqual([idA, idB].sort());

    const result = await app.app.get(AuditVerifierService).verify();
    expect(result).toMatchObject({ ok: true, checkpointsChecked: 3 });
    expect(result.signedBy?.[idA]).toMatchObject({ treeCheckpoints: 2 });
    expect(result.signedBy?.[idB]).toMatchObject({ treeCheckpoints: 1 });
    expect(result.signedBy?.[idA].chainCheckpoints).toBeGreaterThan(0);
    expect(result.signedBy?.[idB].chainCheckpoints).toBeGreaterThan(0);

    // The public-key endpoint and checkpoint API let outside verifiers follow the rotation.
    const publicKey = await fetch(`${app.baseUrl}/api/v1/audit/public-key`);
    expect(publicKey.status).toBe(200);
    expect(await publicKey.json()).toMatchObject({
      keyId: idB,
      previousKeys: [{ keyId: idA, publicKeyPem: pem(keyA.publicKey, 'spki') }],
    });

    // The CLI: from the environment (B's private key + A retired), and from key files.
    const fromEnv = await cli([], {
      AUDIT_PREVIOUS_PUBLIC_KEYS: pem(keyA.publicKey, 'spki').replace(/\n/g, '\\n'),
    });
    expect(fromEnv).toMatchObject({ code: 0, result: { ok: true, checkpointsChecked: 3 } });
    expect(fromEnv.result?.signedBy).toMatchObject({
      [idA]: { treeCheckpoints: 2 },
      [idB]: { treeCheckpoints: 1 },
    });
    const files = ['--public-key', join(keyDir, 'b.pem'), '--public-key', join(keyDir, 'a.pem')];
    const fromFiles = await cli(files, { AUDIT_PREVIOUS_PUBLIC_KEYS: '' });
    expect(fromFiles).toMatchObject({ code: 0, result: { ok: true } });
    // A checkpoint kept from before the rotation (key A) still proves the log grew from it.
    const first = Number(sizes[0].slice(0, 20));
    const since = await cli([...files, '--since', checkpointFile(first)], {});
    expect(since).toMatchObject({
      code: 0,
      result: { ok: true, from: { size: first, keyId: idA }, to: { size, keyId: idB } },
    });
    // A base64 SPKI list is the other accepted format.
    const spki = keyA.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const fromList = await cli([], { AUDIT_PREVIOUS_PUBLIC_KEYS: `${spki},` });
    expect(fromList).toMatchObject({ code: 0, result: { ok: true } });
    // The vkey the API gives for each note is that of the key that signed it.
    const page = await app.app.get(AuditTreeService).list({ limit: 10 });
    expect(page.items.map((checkpoint) => [checkpoint.treeSize, checkpoint.vkey])).toEqual([
      [size, vkey(ORIGIN, keyB.publicKey)],
      [Number(sizes[1].slice(0, 20)), vkey(ORIGIN, keyA.publicKey)],
      [first, vkey(ORIGIN, keyA.publicKey)],
    ]);
  }, 180_000);

  it('key B without A: the sealer refuses and verification names the unknown key', async () => {
    app = await start(keyB.privateKey, '');
    await recordAndSeal(app, 2, 'rotation.unknown');
    // The newest published checkpoint is B's: force the sealer to read A's older one instead.
    const newest = readdirSync(dir)
      .filter((name) => name.endsWith('.checkpoint'))
      .sort()
      .pop() as string;
    const aside = join(keyDir, newest);
    renameSync(join(dir, newest), aside);
    try {
      const outcome = await checkpointNow(app);
      expect(outcome).toMatchObject({ status: 'refused', reason: 'published-checkpoint-invalid' });
      expect((outcome as { message: string }).message).toMatch(/signed by unknown key/);
      expect(await refusing(app)).toBe(1);
    } finally {
      renameSync(aside, join(dir, newest));
    }

    const result = await app.app.get(AuditVerifierService).verify();
    expect(result).toMatchObject({ ok: false });
    expect(result.reason).toMatch(/does not verify: note is signed by unknown key/);
    // Without published checkpoints, the chain checkpoints alone name A as unknown.
    const chainOnly = await cli([], {
      AUDIT_PREVIOUS_PUBLIC_KEYS: '',
      AUDIT_CHECKPOINT_DIR: join(keyDir, 'none'),
    });
    expect(chainOnly).toMatchObject({ code: 1, result: { ok: false } });
    expect(String(chainOnly.result?.reason)).toContain(`signed by unknown key ${idA}`);
  }, 180_000);
});
