import type { EntityManager } from 'typeorm';
import { appendLeaves, Frontier, frontierCoords, NodeCoord, NodeReader, TreeNode } from '../merkle';
import { segmentsOf } from './node-segments';

/** Anything that runs SQL: a DataSource, an EntityManager inside a transaction. */
export type Queryable = Pick<EntityManager, 'query'>;

/** A complete subtree the tree needs is not stored (tampering, or a tree not yet built). */
export class MissingNodeError extends Error {
  override readonly name = 'MissingNodeError';
}

/** Leaves in the stored tree: the end of the last level-0 segment (a backward primary-key probe). */
export const TREE_SIZE_SQL = `(SELECT s.start + s.count FROM audit_merkle_segments s
  WHERE s.level = 0 ORDER BY s.start DESC LIMIT 1)`;

/**
 * The hash of node (level, idx) given as SQL expressions, or NULL when no segment holds it:
 * the segment of that level with the greatest start at or below idx (a primary-key probe),
 * sliced. EXTERNAL storage makes the slice read only the TOAST chunk it needs.
 */
export function nodeHashSql(level: string, idx: string): string {
  return `(SELECT CASE WHEN ${idx} < s.start + s.count
                  THEN substring(s.hashes FROM ((${idx} - s.start) * 32 + 1)::int FOR 32) END
             FROM audit_merkle_segments s WHERE s.level = ${level} AND s.start <= ${idx}
            ORDER BY s.start DESC LIMIT 1)`;
}

/**
 * Rows for `INSERT INTO audit_merkle_segments (level, start, count, hashes)` from four
 * parameters starting at $first: levels, starts, counts, and every segment's hashes
 * concatenated in one bytea (one bytea goes to the server as binary; an array of them would
 * be hex-escaped into an array literal in Node), sliced back by the running count.
 */
export function segmentRowsSql(first: number): string {
  return `SELECT u.level, u.start, u.count,
                 substring($${first + 3}::bytea FROM (u.before * 32 + 1)::int FOR u.count * 32)
            FROM (SELECT level, start, count, sum(count) OVER (ORDER BY ord) - count AS before
                    FROM unnest($${first}::smallint[], $${first + 1}::bigint[], $${first + 2}::int[])
                         WITH ORDINALITY AS v(level, start, count, ord)) AS u`;
}

/** The four parameters of segmentRowsSql for the nodes an append created. */
export function segmentRowsParams(
  nodes: readonly TreeNode[],
): [number[], number[], number[], Buffer] {
  const segments = segmentsOf(nodes);
  const hashes = Buffer.allocUnsafe(nodes.length * 32);
  let at = 0;
  for (const segment of segments) {
    for (const hash of segment.hashes) at += hash.copy(hashes, at);
  }
  return [
    segments.map((s) => s.level),
    segments.map((s) => s.start),
    segments.map((s) => s.hashes.length),
    hashes.subarray(0, at),
  ];
}

/**
 * SQL for the tree's nodes (`audit_merkle_segments`): every read is one statement of
 * primary-key probes, every write one multi-row insert of a segment per level.
 */
export const merkleStore = {
  async treeSize(db: Queryable): Promise<number> {
    const rows: { size: string | null }[] = await db.query(`SELECT ${TREE_SIZE_SQL} AS size`);
    return rows[0].size === null ? 0 : Number(rows[0].size);
  },

  /** Hashes of the given complete subtrees, in order; throws MissingNodeError for a gap. */
  async readNodes(db: Queryable, coords: readonly NodeCoord[]): Promise<Buffer[]> {
    if (coords.length === 0) return [];
    // A scalar subquery per coordinate: always a primary-key probe, whatever the planner
    // believes about the table's size (a join chose sequential scans on a fresh table).
    const rows: { hash: Buffer | null }[] = await db.query(
      `SELECT ${nodeHashSql('c.level', 'c.idx')} AS hash
         FROM unnest($1::smallint[], $2::bigint[]) WITH ORDINALITY AS c(level, idx, ord)
        ORDER BY c.ord`,
      [coords.map((c) => c.level), coords.map((c) => c.index)],
    );
    return rows.map((row, i) => {
      if (row.hash === null) {
        throw new MissingNodeError(
          `tree node level ${coords[i].level} index ${coords[i].index} is missing`,
        );
      }
      return row.hash;
    });
  },

  reader(db: Queryable): NodeReader {
    return { readNodes: (coords) => merkleStore.readNodes(db, coords) };
  },

  async readFrontier(db: Queryable, size: number): Promise<Frontier> {
    return { size, hashes: await merkleStore.readNodes(db, frontierCoords(size)) };
  },

  async insertNodes(db: Queryable, nodes: readonly TreeNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await db.query(
      `INSERT INTO audit_merkle_segments (level, start, count, hashes) ${segmentRowsSql(1)}`,
      segmentRowsParams(nodes),
    );
  },

  /** Appends leaf hashes to the tree whose frontier is given; returns the new frontier. */
  async append(
    db: Queryable,
    frontier: Frontier,
    leafHashes: readonly Buffer[],
  ): Promise<Frontier> {
    const { frontier: next, created } = appendLeaves(frontier, leafHashes);
    await merkleStore.insertNodes(db, created);
    return next;
  },
};
