import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AuditSealerService } from '../src/audit-log/audit-sealer.service';
import { CheckpointSigner } from '../src/audit-log/chain/checkpoint-signer';
import {
  eventLeafHash,
  inclusionProof,
  openCheckpoint,
  verifyInclusion,
} from '../src/audit-log/merkle';
import { hashedFieldsOf } from '../src/audit-log/tree/event-leaves';
import { merkleStore } from '../src/audit-log/tree/merkle-store';
import { TreeCheckpointer } from '../src/audit-log/tree/tree-checkpointer.service';
import { MetricsRegistry } from '../src/metrics/metrics.registry';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { deleteNewest, editEvent, rollBackTo } from './audit/tamper';
import { testEvent } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

const ORIGIN = 'tasktrackr.test/audit-tree';
const HOUR = 3_600_000;

/** An app on its own database, queue prefix and checkpoint directory: the tests tamper with them. */
async function isolatedApp(): Promise<{ app: TestApp; dir: string; close(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_tree');
  const url = await createDatabase(serverUrl, database);
  const dir = mkdtempSync(join(tmpdir(), 'tt-tree-checkpoints-'));
  const app = await startTestApp({
    role: 'all',
    configOverrides: {
      DATABASE_URL: url,
      QUEUE_PREFIX: database,
      AUDIT_CHECKPOINT_DIR: dir,
      AUDIT_LOG_ORIGIN: ORIGIN,
      // Checkpoints only when a test asks (maybeCheckpoint with a later clock), or the first one.
      AUDIT_CHECKPOINT_MAX_DELAY_MS: String(HOUR),
    },
  });
  return {
    app,
    dir,
    async close() {
      await app.close();
      await dropDatabase(serverUrl, database);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function recordAndSeal(app: TestApp, count: number): Promise<void> {
  await app.dataSource.transaction(async (manager) => {
    for (let i = 0; i < count; i += 1) {
      await app.app.get(AuditLogService).record(manager, testEvent(`test.tree.${i}`));
    }
  });
  await app.app.get(AuditSealerService).drain();
}

/** A checkpoint attempt as if the max delay had passed. */
function checkpointNow(app: TestApp) {
  return app.app.get(TreeCheckpointer).maybeCheckpoint(new Date(Date.now() + 2 * HOUR));
}

async function refusals(app: TestApp): Promise<number> {
  const metric = await app.app
    .get(MetricsRegistry)
    .registry.getSingleMetric('audit_checkpoint_refusals_total')
    ?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}

function publishedSizes(dir: string): number[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.checkpoint'))
    .map((name) => Number(name.slice(0, 20)))
    .sort((a, b) => a - b);
}

describe('audit Merkle tree: sealing and checkpoints (e2e)', () => {
  let ctx: Awaited<ReturnType<typeof isolatedApp>>;
  beforeAll(async () => {
    ctx = await isolatedApp();
  });
  afterAll(() => ctx.close());

  it('builds the tree with the chain and publishes signed checkpoints the events prove into', async () => {
    const { app, dir } = ctx;
    await recordAndSeal(app, 12);
    // The drain may have signed it already (the first checkpoint is due at once).
    expect(['signed', 'up-to-date']).toContain((await checkpointNow(app)).status);
    const size = await merkleStore.treeSize(app.dataSource);
    expect(size).toBe(12);
    expect(publishedSizes(dir).at(-1)).toBe(12);
    const text = readFileSync(join(dir, '00000000000000000012.checkpoint'), 'utf8');
    const checkpoint = openCheckpoint(text, {
      name: ORIGIN,
      publicKey: app.app.get(CheckpointSigner).publicKey,
    });
    const [row]: { note: string }[] = await app.dataSource.query(
      'SELECT note FROM audit_tree_checkpoints WHERE tree_size = 12',
    );
    expect(row.note).toBe(text);
    // Every event's leaf proves into the published root.
    const events: Parameters<typeof hashedFieldsOf>[0][] = await app.dataSource.query(
      'SELECT * FROM audit_events ORDER BY seq',
    );
    for (const event of events) {
      const index = Number(event.seq) - 1;
      const proof = await inclusionProof(merkleStore.reader(app.dataSource), index, 12);
      expect(
        verifyInclusion(eventLeafHash(hashedFieldsOf(event)), index, 12, proof, checkpoint.root),
      ).toBe(true);
    }
    // Nothing new: nothing to sign. New events: a checkpoint consistent with the last one.
    expect(await checkpointNow(app)).toEqual({ status: 'up-to-date', size: 12 });
    await recordAndSeal(app, 3);
    expect(await app.app.get(TreeCheckpointer).maybeCheckpoint()).toMatchObject({
      status: 'scheduled',
    });
    expect(await checkpointNow(app)).toMatchObject({ status: 'signed', size: 15 });
    expect(publishedSizes(dir)).toEqual([12, 15]);
  });

  it('refuses to sign after an event covered by a checkpoint is edited and chain and tree recomputed', async () => {
    const { app, dir } = ctx;
    const before = await refusals(app);
    await editEvent(app.dataSource, 5, 'someone else');
    await recordAndSeal(app, 2);
    expect(await checkpointNow(app)).toMatchObject({
      status: 'refused',
      reason: 'inconsistent-with-published',
    });
    expect(await refusals(app)).toBe(before + 1);
    expect(publishedSizes(dir)).toEqual([12, 15]);
    const rows: unknown[] = await app.dataSource.query(
      'SELECT 1 FROM audit_tree_checkpoints WHERE tree_size > 15',
    );
    expect(rows).toEqual([]);
  });
});

describe('audit Merkle tree: the sealer refuses a shrunk or rolled-back log (e2e)', () => {
  let ctx: Awaited<ReturnType<typeof isolatedApp>>;
  beforeEach(async () => {
    ctx = await isolatedApp();
    await recordAndSeal(ctx.app, 10);
    // The drain may have signed it already (the first checkpoint is due at once).
    expect(['signed', 'up-to-date']).toContain((await checkpointNow(ctx.app)).status);
    expect(publishedSizes(ctx.dir)).toEqual([10]);
  });
  afterEach(() => ctx.close());

  it('refuses after the newest events and their nodes are deleted', async () => {
    const before = await refusals(ctx.app);
    await deleteNewest(ctx.app.dataSource, 3);
    expect(await checkpointNow(ctx.app)).toMatchObject({
      status: 'refused',
      reason: 'tree-smaller-than-published',
    });
    // Sealing on top does not help: the chain continues after its chain checkpoint at 10, so
    // the tree (7 leaves) cannot catch up over the gap, and stays smaller than published.
    await recordAndSeal(ctx.app, 5);
    expect(await checkpointNow(ctx.app)).toMatchObject({
      status: 'refused',
      reason: 'tree-smaller-than-published',
    });
    expect(await refusals(ctx.app)).toBeGreaterThanOrEqual(before + 3);
    expect(publishedSizes(ctx.dir)).toEqual([10]);
  });

  it('refuses after a rollback to an older state and re-sealing', async () => {
    await recordAndSeal(ctx.app, 4);
    expect(await checkpointNow(ctx.app)).toMatchObject({ status: 'signed', size: 14 });
    const before = await refusals(ctx.app);
    await rollBackTo(ctx.app.dataSource, 10);
    await recordAndSeal(ctx.app, 6);
    expect(await checkpointNow(ctx.app)).toMatchObject({
      status: 'refused',
      reason: 'inconsistent-with-published',
    });
    expect(await refusals(ctx.app)).toBe(before + 1);
    expect(publishedSizes(ctx.dir)).toEqual([10, 14]);
  });
});
