import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import {
  checkCosignature,
  formatAddCheckpoint,
  openCheckpoint,
  parseNote,
  parseVkey,
  signCheckpoint,
  vkey,
} from '../src/audit-log';
import { rootAt } from '../src/audit-log/merkle';
import { merkleStore } from '../src/audit-log/tree/merkle-store';
import { MetricsRegistry } from '../src/metrics/metrics.registry';
import { freePort } from '../../ops/dev-services/free-port';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { seedOutbox, uniqueActionPrefix } from './support/audit-helpers';
import { createUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WitnessProcess } from './support/witness-process';
import { asSuperuser, deleteNewest, editEvent, rollBackTo } from './audit/tamper';

/**
 * The log and the real witness program together: the app (role all, its own database) with
 * AUDIT_WITNESS_URL pointing at `npm run audit:witness` on loopback. Checkpoints get
 * co-signed and stored; the witness keeps its state across a restart; and after each of the
 * issue's three attacks (api/test/audit/tamper.ts: superuser, triggers disabled, chain and
 * tree recomputed) the
 * checkpoint a compromised log would send (signed with the log's own key, the real sealer
 * refusing to sign it) is refused by the witness, loudly on the log's side.
 */
// Each test may (re)start the witness program, compiled by ts-node on start.
jest.setTimeout(240_000);

describe('audit witness with the app (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_witness');
  const origin = 'tasktrackr.test/witness-e2e';
  const logKey = generateKeyPairSync('ed25519').privateKey;
  const logPem = logKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const logNamedKey = parseVkey(vkey(origin, logKey));
  const prefix = uniqueActionPrefix('witness');
  let dir: string;
  let witness: WitnessProcess;
  let witnessListen: string;
  let app: TestApp;
  let stateFile: string;
  /** The first co-signed checkpoint and its cosignature line (test 1). */
  let first = { size: 0, line: '' };

  function startWitness(state: string): Promise<void> {
    stateFile = state;
    witness = new WitnessProcess(
      [
        '--log-vkey',
        vkey(origin, logKey),
        '--name',
        'witness.test/app-e2e',
        '--key-file',
        join(dir, 'witness-key.pem'),
        '--state-file',
        state,
      ],
      witnessListen,
    );
    return witness.start();
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'witness-app-'));
    witnessListen = `127.0.0.1:${await freePort()}`;
    await startWitness(join(dir, 'state-1.json'));
    const url = await createDatabase(serverUrl, database);
    app = await startTestApp({
      role: 'all',
      configOverrides: {
        DATABASE_URL: url,
        QUEUE_PREFIX: undefined,
        AUDIT_SIGNING_KEY: logPem,
        AUDIT_LOG_ORIGIN: origin,
        AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'),
        AUDIT_CHECKPOINT_MAX_DELAY_MS: '200',
        AUDIT_SWEEP_INTERVAL_MS: '300',
        AUDIT_WITNESS_URL: witness.url,
        AUDIT_WITNESS_VKEY: witness.vkey,
        AUDIT_WITNESS_TIMEOUT_MS: '2000',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await witness?.stop();
    await dropDatabase(serverUrl, database);
    rmSync(dir, { recursive: true, force: true });
  });

  const witnessKeyId = () => parseVkey(witness.vkey).keyHash.toString('hex');

  async function sealedCount(): Promise<number> {
    const [row]: { n: number }[] = await app.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_events',
    );
    return row.n;
  }

  /** Records `count` events and waits until the checkpoint covering them is co-signed. */
  async function recordAndWitness(count: number): Promise<number> {
    const size = (await sealedCount()) + count;
    await seedOutbox(app.dataSource, prefix, count);
    await waitFor(
      async () => {
        const rows: unknown[] = await app.dataSource.query(
          `SELECT 1 FROM audit_checkpoint_cosignatures
            WHERE tree_size = $1 AND witness_key_id = $2`,
          [size, witnessKeyId()],
        );
        return rows.length > 0 ? true : undefined;
      },
      45_000,
      `a cosignature of the checkpoint at ${size}\n${witness.log}`,
    );
    return size;
  }

  function witnessState(): { size: number; root: string } {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      logs: Record<string, { size: number; root: string }>;
    };
    return state.logs[origin];
  }

  async function refusals(): Promise<number> {
    const metric = app.app
      .get(MetricsRegistry)
      .registry.getSingleMetric('audit_witness_refusals_total');
    const values = (await metric?.get())?.values ?? [];
    return values.reduce((sum, value) => sum + value.value, 0);
  }

  async function treeNow(db: Pick<EntityManager, 'query'>) {
    const size = await merkleStore.treeSize(db);
    return { size, root: await rootAt(merkleStore.reader(db), size) };
  }

  /**
   * What a compromised log sends: the tampered tree's checkpoint signed with the log key,
   * written where the worker's witness job reads it (newest row). The real sealer refuses to
   * sign it (inconsistent with the published checkpoints), so the attacker writes it.
   */
  async function forgeCheckpoint(): Promise<number> {
    let forged = 0;
    await asSuperuser(app.dataSource, async (manager) => {
      const { size, root } = await treeNow(manager);
      const note = signCheckpoint({ origin, size, root, extensions: [] }, logKey);
      await manager.query('DELETE FROM audit_tree_checkpoints WHERE tree_size >= $1', [size]);
      await manager.query(
        `INSERT INTO audit_tree_checkpoints (tree_size, root, note, created_at)
         VALUES ($1, $2, $3, now())`,
        [size, root, note],
      );
      forged = size;
    });
    return forged;
  }

  /** Waits for the log to report the witness's refusal; the witness state must not move. */
  async function expectRefused(
    size: number,
    status: number,
    before: number,
    why: RegExp,
  ): Promise<void> {
    const held = witnessState();
    await waitFor(
      async () =>
        (await refusals()) > before && witness.log.includes(`witness refused (${status})`)
          ? true
          : undefined,
      30_000,
      `a witness refusal (${status}) of the forged checkpoint at ${size}\n${witness.log}`,
    );
    expect(witness.log).toMatch(why);
    const stored: unknown[] = await app.dataSource.query(
      'SELECT 1 FROM audit_checkpoint_cosignatures WHERE tree_size = $1 AND root_hash = $2',
      [size, (await treeNow(app.dataSource)).root.toString('base64')],
    );
    expect(stored).toEqual([]);
    expect(witnessState()).toEqual(held);
  }

  /** A new witness (fresh state, same key) that first co-signs the log as it is now. */
  async function freshWitnessAt(state: string): Promise<number> {
    await witness.stop();
    await startWitness(state);
    const { size, root } = await treeNow(app.dataSource);
    const note = signCheckpoint({ origin, size, root, extensions: [] }, logKey);
    const answer = await witness.addCheckpoint(
      formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: note }),
    );
    expect(answer.status).toBe(200);
    return size;
  }

  it('co-signs a new checkpoint; stored in the table and a .cosigned file that verifies on its own', async () => {
    const size = await recordAndWitness(6);
    const [row]: { signature_line: string; root_hash: string }[] = await app.dataSource.query(
      'SELECT signature_line, root_hash FROM audit_checkpoint_cosignatures WHERE tree_size = $1',
      [size],
    );
    const file = join(
      dir,
      'checkpoints',
      `${String(size).padStart(20, '0')}.${witnessKeyId()}.cosigned`,
    );
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith(row.signature_line)).toBe(true);
    // Independently: only the log's vkey and the witness's printed vkey.
    const checkpoint = openCheckpoint(text, logNamedKey);
    expect(checkpoint.size).toBe(size);
    expect(checkCosignature(parseNote(text), parseVkey(witness.vkey))).toBeGreaterThan(0);
    // The published checkpoint file is untouched, the cosignature is a file of its own.
    const published = readFileSync(
      join(dir, 'checkpoints', `${String(size).padStart(20, '0')}.checkpoint`),
      'utf8',
    );
    expect(text.startsWith(published)).toBe(true);
    expect(published).not.toContain('witness.test/app-e2e');
    expect(witnessState()).toEqual({ size, root: row.root_hash });
    first = { size, line: row.signature_line };
  });

  it('keeps its state across a restart, and the log catches up after the outage', async () => {
    const before = witnessState();
    await witness.stop();
    await seedOutbox(app.dataSource, prefix, 6); // sealed and checkpointed while it is down
    const size = before.size + 6;
    await waitFor(
      async () => {
        const rows: unknown[] = await app.dataSource.query(
          'SELECT 1 FROM audit_tree_checkpoints WHERE tree_size = $1',
          [size],
        );
        return rows.length > 0 ? true : undefined;
      },
      30_000,
      `the checkpoint at ${size}`,
    );
    await startWitness(stateFile);
    expect(witnessState()).toEqual(before);
    await waitFor(
      async () => (witnessState().size === size ? true : undefined),
      45_000,
      `the restarted witness to co-sign ${size}\n${witness.log}`,
    );
    expect(witness.log).not.toContain('witness refused');
  });

  it('attack 1: an event inside the witnessed tree edited, chain and tree recomputed → 409 (same size, other root)', async () => {
    const { size: witnessed } = witnessState();
    const before = await refusals();
    await editEvent(app.dataSource, witnessed - 2, 'someone else');
    const forged = await forgeCheckpoint();
    expect(forged).toBe(witnessed);
    // Same size, another root: the log sends old = size, the witness holds another root.
    await expectRefused(forged, 409, before, /checkpoint at size \d+ has root/);
  });

  it('attack 2: the newest events deleted, tree rebuilt → refused (the witness holds a larger tree)', async () => {
    const witnessed = await freshWitnessAt(join(dir, 'state-2.json'));
    const before = await refusals();
    await deleteNewest(app.dataSource, 2);
    const forged = await forgeCheckpoint();
    expect(forged).toBe(witnessed - 2);
    await expectRefused(forged, 409, before, /is not the co-signed size/);
    expect(witnessState().size).toBe(witnessed);
  });

  it('attack 3: rolled back to an older state and re-sealed past the witnessed size → 422', async () => {
    const witnessed = await freshWitnessAt(join(dir, 'state-3.json'));
    const before = await refusals();
    const rollbackTo = witnessed - 3;
    await rollBackTo(app.dataSource, rollbackTo);
    // The rolled-back log's newest checkpoint row is an old one now; if the log sends it,
    // the witness refuses it too (409, it holds a larger tree). The forged one follows.
    // Re-sealed by the real sealer: other events take the rolled-back seqs.
    await seedOutbox(app.dataSource, `${prefix}.resealed`, 5);
    await waitFor(
      async () => ((await sealedCount()) === rollbackTo + 5 ? true : undefined),
      30_000,
      'the re-sealed events',
    );
    const forged = await forgeCheckpoint();
    expect(forged).toBe(rollbackTo + 5);
    expect(forged).toBeGreaterThan(witnessed);
    await expectRefused(forged, 422, before, /consistency proof leads to old root/);
  });

  it('shows the cosignature in the checkpoint endpoints (AuditCheckpoint.cosignatures)', async () => {
    // Last: creating the auditor records events, which would shift the sizes above.
    const auditor = await createUser(app, { roles: ['auditor'] });
    const { data, response } = await auditor.client.GET('/api/v1/audit/checkpoints', {
      params: { query: { limit: 100 } },
    });
    expect(response.status).toBe(200);
    const item = data?.items.find((checkpoint) => checkpoint.treeSize === first.size);
    expect(item?.cosignatures).toEqual([first.line]);
    const note = parseNote(`${item?.note ?? ''}${item?.cosignatures.join('') ?? ''}`);
    expect(checkCosignature(note, parseVkey(witness.vkey))).toBeGreaterThan(0);
  });
});
