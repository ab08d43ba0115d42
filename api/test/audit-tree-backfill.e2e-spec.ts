import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { canonicalEvent } from '../src/audit-log/chain/event-hash';
import { readPlans, rootPlan } from '../src/audit-log/merkle';
import { hashedFieldsOf } from '../src/audit-log/tree/event-leaves';
import { merkleStore } from '../src/audit-log/tree/merkle-store';
import { backfillTree, BackfillProgress } from '../src/audit-log/tree/tree-backfill';
import { asSuperuser } from './audit/tamper';
import {
  checkpointNow,
  isolatedAuditApp,
  IsolatedAuditApp,
  recordAndSeal,
} from './audit/isolated-audit-app';
import { TestApp } from './support/test-app';

const ROOT = resolve(__dirname, '..', '..');

/** The tree as a chain sealed before it existed has it: no nodes at all. */
async function removeTree(app: TestApp): Promise<void> {
  await asSuperuser(app.dataSource, (manager) =>
    manager.query('DELETE FROM audit_merkle_segments'),
  );
}

/** RFC 9162 §2.1.1 MTH straight from the definition, over the events' canonical JSON. */
async function independentRoot(app: TestApp): Promise<Buffer> {
  const rows: Parameters<typeof hashedFieldsOf>[0][] = await app.dataSource.query(
    'SELECT * FROM audit_events ORDER BY seq',
  );
  const leaves = rows.map((row) =>
    createHash('sha256')
      .update(Buffer.from([0]))
      .update(canonicalEvent(hashedFieldsOf(row)))
      .digest(),
  );
  const mth = (from: number, to: number): Buffer => {
    if (to - from === 1) return leaves[from];
    let k = 1;
    while (k * 2 < to - from) k *= 2;
    return createHash('sha256')
      .update(Buffer.from([1]))
      .update(mth(from, from + k))
      .update(mth(from + k, to))
      .digest();
  };
  return mth(0, leaves.length);
}

async function storedRoot(app: TestApp, size: number): Promise<Buffer> {
  const [[root]] = await readPlans(merkleStore.reader(app.dataSource), [rootPlan(size)]);
  return root;
}

async function nodeCount(app: TestApp): Promise<number> {
  const [{ count }]: { count: string }[] = await app.dataSource.query(
    'SELECT coalesce(sum(count), 0) AS count FROM audit_merkle_segments',
  );
  return Number(count);
}

describe('audit Merkle tree over a chain sealed without it (e2e)', () => {
  let ctx: IsolatedAuditApp;
  beforeAll(async () => {
    ctx = await isolatedAuditApp('tree_backfill');
  });
  afterAll(() => ctx.close());

  it('backfillTree builds it in chunks, resumes after an interruption, is idempotent; the CLI too', async () => {
    const { app } = ctx;
    await recordAndSeal(app, 1100);
    const expected = await independentRoot(app);
    expect(await storedRoot(app, 1100)).toEqual(expected);
    const nodes = await nodeCount(app);
    await removeTree(app);
    expect(await merkleStore.treeSize(app.dataSource)).toBe(0);

    // Interrupted after its first chunk (the progress callback throws, as a kill would stop it).
    await expect(
      backfillTree(
        app.dataSource,
        () => {
          throw new Error('interrupted');
        },
        300,
      ),
    ).rejects.toThrow('interrupted');
    expect(await merkleStore.treeSize(app.dataSource)).toBe(300);

    // Resumed: goes on from 300, not from 0.
    const seen: BackfillProgress[] = [];
    expect(await backfillTree(app.dataSource, (p) => seen.push(p), 300)).toEqual({
      treeSize: 1100,
      chainSize: 1100,
    });
    expect(seen.map((p) => p.treeSize)).toEqual([600, 900, 1100]);
    expect(await storedRoot(app, 1100)).toEqual(expected);
    expect(await nodeCount(app)).toBe(nodes);

    // Again: nothing to do, nothing written.
    expect(await backfillTree(app.dataSource, undefined, 300)).toEqual({
      treeSize: 1100,
      chainSize: 1100,
    });
    expect(await nodeCount(app)).toBe(nodes);

    // The command, from nothing: same tree.
    await removeTree(app);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'ops/audit/tree-backfill.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: ctx.url, TS_NODE_PROJECT: 'tsconfig.json' },
      },
    );
    expect(JSON.parse(stdout)).toEqual({ treeSize: 1100, chainSize: 1100 });
    expect(await storedRoot(app, 1100)).toEqual(expected);
    expect(await nodeCount(app)).toBe(nodes);
    // The checkpoint signed over the original tree names the rebuilt tree's root.
    const [{ root }]: { root: Buffer }[] = await app.dataSource.query(
      'SELECT root FROM audit_tree_checkpoints WHERE tree_size = 1100',
    );
    expect(root).toEqual(expected);
  }, 180_000);

  it('the sealer catches a lagging tree up by itself, with the batch it seals', async () => {
    const { app } = ctx;
    const before = await merkleStore.treeSize(app.dataSource);
    await removeTree(app);
    await recordAndSeal(app, 7);
    expect(await merkleStore.treeSize(app.dataSource)).toBe(before + 7);
    expect(await storedRoot(app, before + 7)).toEqual(await independentRoot(app));
    // Consistent with what was published before the tree was lost: it signs.
    expect(await checkpointNow(app)).toMatchObject({ status: 'signed', size: before + 7 });
  }, 120_000);
});
