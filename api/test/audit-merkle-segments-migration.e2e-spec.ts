import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { Frontier, inclusionPlan, readPlans, rootPlan } from '../src/audit-log/merkle';
import { merkleStore } from '../src/audit-log/tree/merkle-store';
import { typeormOptions } from '../src/database/typeorm-options';

const leaf = (i: number) => createHash('sha256').update(`leaf ${i}`).digest();

/** Root and a few inclusion proofs of the stored tree of `size` leaves. */
async function fingerprint(db: DataSource, size: number): Promise<string[]> {
  const [[root], ...proofs] = await readPlans(merkleStore.reader(db), [
    rootPlan(size),
    inclusionPlan(0, size),
    inclusionPlan(size - 1, size),
    inclusionPlan(Math.floor(size / 3), size),
  ]);
  return [root, ...proofs.flat()].map((hash) => hash.toString('hex'));
}

/**
 * Migration 1796400000000 moves the tree from a row per node to a segment per level and
 * batch: nodes written by the old layout come out as the same hashes, and back.
 */
describe('audit Merkle segments migration (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_segments');
  let db: DataSource;

  beforeAll(async () => {
    const url = await createDatabase(serverUrl, database);
    db = new DataSource(
      typeormOptions({ url, poolSize: 2, connectTimeoutMs: 5000, applicationName: 'segments' }),
    );
    await db.initialize();
    await db.runMigrations();
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(serverUrl, database);
  });

  it('converts nodes to segments and back without changing a hash', async () => {
    // A tree of 1,000 leaves appended in uneven batches, as sealed batches come.
    let frontier: Frontier = { size: 0, hashes: [] };
    for (const batch of [1, 7, 250, 500, 3, 239]) {
      const leaves = Array.from({ length: batch }, (_, i) => leaf(frontier.size + i));
      frontier = await merkleStore.append(db, frontier, leaves);
    }
    expect(frontier.size).toBe(1000);
    const before = await fingerprint(db, 1000);
    const [{ segments, nodes }]: { segments: string; nodes: string }[] = await db.query(
      'SELECT count(*) AS segments, sum(count) AS nodes FROM audit_merkle_segments',
    );
    // One row per level per batch instead of one per node (the complete subtrees of 1,000 leaves: 1,000 + 500 + 250 + … + 1).
    expect(Number(nodes)).toBe(1994);
    expect(Number(segments)).toBeLessThan(60);

    await db.undoLastMigration();
    const [{ rows }]: { rows: string }[] = await db.query(
      'SELECT count(*) AS rows FROM audit_merkle_nodes',
    );
    expect(Number(rows)).toBe(1994);
    const oldRoot: { hash: Buffer }[] = await db.query(
      `SELECT hash FROM audit_merkle_nodes WHERE level = 0 AND idx = 999`,
    );
    expect(oldRoot[0].hash).toEqual(leaf(999));

    await db.runMigrations();
    expect(await merkleStore.treeSize(db)).toBe(1000);
    expect(await fingerprint(db, 1000)).toEqual(before);
    // Converted: one segment per level (each level's nodes are consecutive).
    const levels: { level: number; start: string; count: number }[] = await db.query(
      'SELECT level, start, count FROM audit_merkle_segments ORDER BY level, start',
    );
    expect(levels.map((s) => [s.level, Number(s.start), s.count])).toEqual(
      Array.from({ length: 10 }, (_, level) => [level, 0, Math.floor(1000 / 2 ** level)]),
    );
    await expect(db.query('DELETE FROM audit_merkle_segments')).rejects.toThrow();
  });
});
