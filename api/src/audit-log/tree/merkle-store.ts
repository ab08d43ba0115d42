import type { EntityManager } from 'typeorm';
import { appendLeaves, Frontier, frontierCoords, NodeCoord, NodeReader, TreeNode } from '../merkle';

/** Anything that runs SQL: a DataSource, an EntityManager inside a transaction. */
export type Queryable = Pick<EntityManager, 'query'>;

/** A complete subtree the tree needs is not stored (tampering, or a tree not yet built). */
export class MissingNodeError extends Error {
  override readonly name = 'MissingNodeError';
}

/**
 * Rows for `INSERT INTO audit_merkle_nodes (level, idx, hash)` from three parameters starting
 * at $first: levels, indexes, and all hashes concatenated in one bytea. One bytea goes to the
 * server as binary; an array of them would be hex-escaped into an array literal in Node.
 */
export function nodeRowsSql(first: number): string {
  return `SELECT n.level, n.idx, substring($${first + 2}::bytea FROM (n.ord::int - 1) * 32 + 1 FOR 32)
            FROM unnest($${first}::smallint[], $${first + 1}::bigint[]) WITH ORDINALITY AS n(level, idx, ord)`;
}

/** The three parameters of nodeRowsSql. */
export function nodeRowsParams(nodes: readonly TreeNode[]): [number[], number[], Buffer] {
  return [
    nodes.map((n) => n.level),
    nodes.map((n) => n.index),
    Buffer.concat(nodes.map((n) => n.hash)),
  ];
}

/**
 * SQL for `audit_merkle_nodes`: every read is one statement by primary key, every write one
 * multi-row insert.
 */
export const merkleStore = {
  /** Leaves in the stored tree: the last level-0 index + 1 (a backward primary-key probe). */
  async treeSize(db: Queryable): Promise<number> {
    const rows: { idx: string }[] = await db.query(
      'SELECT idx FROM audit_merkle_nodes WHERE level = 0 ORDER BY idx DESC LIMIT 1',
    );
    return rows.length === 0 ? 0 : Number(rows[0].idx) + 1;
  },

  /** Hashes of the given complete subtrees, in order; throws MissingNodeError for a gap. */
  async readNodes(db: Queryable, coords: readonly NodeCoord[]): Promise<Buffer[]> {
    if (coords.length === 0) return [];
    // A scalar subquery per coordinate: always a primary-key probe, whatever the planner
    // believes about the table's size (a join chose sequential scans on a fresh table).
    const rows: { hash: Buffer | null }[] = await db.query(
      `SELECT (SELECT n.hash FROM audit_merkle_nodes n WHERE n.level = c.level AND n.idx = c.idx) AS hash
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
      `INSERT INTO audit_merkle_nodes (level, idx, hash) ${nodeRowsSql(1)}`,
      nodeRowsParams(nodes),
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
