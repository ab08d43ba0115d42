import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCosignature, openCheckpoint, parseNote, parseVkey, vkey } from '../src/audit-log';
import { freePort } from '../../ops/dev-services/free-port';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { seedOutbox, uniqueActionPrefix } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WitnessProcess } from './support/witness-process';

jest.setTimeout(240_000);

/**
 * A witness follows the log through a signing key rotation (issue #18): configured with the
 * log's old and new vkeys, it co-signs the first checkpoint signed with key B because it extends
 * the last one it co-signed, signed with key A (the log restarted on the same database and
 * checkpoint directory with B and A in AUDIT_PREVIOUS_PUBLIC_KEYS).
 */
describe('audit key rotation with a witness (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_keyrot_witness');
  const origin = 'tasktrackr.test/keyrot-witness';
  const keyA = generateKeyPairSync('ed25519');
  const keyB = generateKeyPairSync('ed25519');
  const prefix = uniqueActionPrefix('keyrot');
  let dir: string;
  let url: string;
  let witness: WitnessProcess;
  let app: TestApp | undefined;

  function startLog(signing: KeyObject, previous: string): Promise<TestApp> {
    return startTestApp({
      role: 'all',
      configOverrides: {
        DATABASE_URL: url,
        QUEUE_PREFIX: database,
        AUDIT_SIGNING_KEY: signing.export({ type: 'pkcs8', format: 'pem' }).toString(),
        AUDIT_PREVIOUS_PUBLIC_KEYS: previous,
        AUDIT_LOG_ORIGIN: origin,
        AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'),
        AUDIT_CHECKPOINT_MAX_DELAY_MS: '200',
        AUDIT_SWEEP_INTERVAL_MS: '300',
        AUDIT_WITNESS_URL: witness.url,
        AUDIT_WITNESS_VKEY: witness.vkey,
        AUDIT_WITNESS_TIMEOUT_MS: '2000',
      },
    });
  }

  /** Records `count` events; waits for the checkpoint covering them to be co-signed. */
  async function recordAndWitness(log: TestApp, count: number): Promise<string> {
    const [{ n }]: { n: number }[] = await log.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_events',
    );
    const size = n + count;
    await seedOutbox(log.dataSource, prefix, count);
    const witnessKeyId = parseVkey(witness.vkey).keyHash.toString('hex');
    const { value } = await waitFor(
      async () => {
        const rows: { note: string; line: string }[] = await log.dataSource.query(
          `SELECT t.note, c.signature_line AS line FROM audit_checkpoint_cosignatures c
             JOIN audit_tree_checkpoints t USING (tree_size)
            WHERE c.tree_size = $1 AND c.witness_key_id = $2`,
          [size, witnessKeyId],
        );
        return rows[0] ? rows[0].note + rows[0].line : undefined;
      },
      60_000,
      `a cosignature of the checkpoint at ${size}\n${witness.log}`,
    );
    return value;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyrot-witness-'));
    url = await createDatabase(serverUrl, database);
    witness = new WitnessProcess(
      [
        '--log-vkey',
        vkey(origin, keyA.privateKey),
        '--log-vkey',
        vkey(origin, keyB.privateKey),
        '--name',
        'witness.test/keyrot',
        '--key-file',
        join(dir, 'witness-key.pem'),
        '--state-file',
        join(dir, 'state.json'),
      ],
      `127.0.0.1:${await freePort()}`,
    );
    await witness.start();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await witness?.stop();
    await dropDatabase(serverUrl, database);
    rmSync(dir, { recursive: true, force: true });
  });

  it('co-signs the first checkpoint by the new key when it extends the last one by the old key', async () => {
    app = await startLog(keyA.privateKey, '');
    const byA = parseNote(await recordAndWitness(app, 3));
    expect(checkCosignature(byA, parseVkey(witness.vkey))).toBeGreaterThan(0);
    await app.close();

    const spkiA = keyA.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    app = await startLog(keyB.privateKey, spkiA);
    const text = await recordAndWitness(app, 2);
    const byB = parseNote(text);
    expect(checkCosignature(byB, parseVkey(witness.vkey))).toBeGreaterThan(0);
    // Signed with B, not A; the witness's state moved on under the same origin.
    const checkpoint = openCheckpoint(text, parseVkey(vkey(origin, keyB.privateKey)));
    expect(() => openCheckpoint(text, parseVkey(vkey(origin, keyA.privateKey)))).toThrow();
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {
      logs: Record<string, { size: number }>;
    };
    expect(state.logs[origin].size).toBe(checkpoint.size);
    expect(witness.log).not.toContain('witness refused');
  });
});
