import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { deleteNewest, editEvent, rollBackTo } from './audit/tamper';
import {
  checkpointNow,
  isolatedAuditApp,
  IsolatedAuditApp,
  recordAndSeal,
} from './audit/isolated-audit-app';
import { TestApp } from './support/test-app';

const ORIGIN = 'tasktrackr.test/audit-tree';

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
  let ctx: IsolatedAuditApp;
  beforeAll(async () => {
    ctx = await isolatedAuditApp('tree', { AUDIT_LOG_ORIGIN: ORIGIN });
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
  let ctx: IsolatedAuditApp;
  beforeEach(async () => {
    ctx = await isolatedAuditApp('tree', { AUDIT_LOG_ORIGIN: ORIGIN });
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
