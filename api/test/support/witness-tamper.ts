import type { DataSource, EntityManager } from 'typeorm';
import { AUDIT_SEAL_LOCK, eventHash, GENESIS_HASH } from '../../src/audit-log';
import { hashedFieldsOf, readEventLeaves } from '../../src/audit-log/tree/event-leaves';
import { merkleStore } from '../../src/audit-log/tree/merkle-store';

/**
 * What the probe of issue #17 did, as a superuser with the append-only triggers disabled:
 * rewrite events, recompute the hash chain over them and rebuild the Merkle tree's nodes, so
 * the database is self-consistent again. (Witness specs; the tree's own tamper helpers cover
 * the sealer and verify paths.)
 */
const TABLES = [
  'audit_events',
  'audit_checkpoints',
  'audit_merkle_nodes',
  'audit_tree_checkpoints',
];

export async function asSuperuser(
  db: DataSource,
  work: (manager: EntityManager) => Promise<void>,
): Promise<void> {
  await db.transaction(async (manager) => {
    // The sealer's lock: no batch interleaves with the rewrite.
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
    for (const table of TABLES) await manager.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    await work(manager);
    for (const table of TABLES) {
      for (const trigger of ['append_only', 'no_truncate']) {
        await manager.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${table}_${trigger}"`);
      }
    }
  });
}

interface EventRow {
  seq: string;
  id: string;
  occurred_at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_display: string;
  target_type: string;
  target_id: string | null;
  changes: null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

/** Recomputes prev_hash/hash of every event from `fromSeq` on, as the sealer would have. */
export async function recomputeChain(manager: EntityManager, fromSeq: number): Promise<void> {
  const before: { hash: string }[] = await manager.query(
    'SELECT hash FROM audit_events WHERE seq = $1',
    [fromSeq - 1],
  );
  let prev = before[0]?.hash ?? GENESIS_HASH;
  const rows: EventRow[] = await manager.query(
    `SELECT seq, id, date_trunc('milliseconds', occurred_at) AS occurred_at, action, actor_type,
            actor_id, actor_display, target_type, target_id, changes, outcome, ip, user_agent,
            request_id
       FROM audit_events WHERE seq >= $1 ORDER BY seq`,
    [fromSeq],
  );
  for (const row of rows) {
    const hash = eventHash(prev, hashedFieldsOf(row));
    await manager.query('UPDATE audit_events SET prev_hash = $2, hash = $3 WHERE seq = $1', [
      row.seq,
      prev,
      hash,
    ]);
    prev = hash;
  }
}

/** Throws the stored nodes away and rebuilds the whole tree from the (rewritten) events. */
export async function rebuildTree(manager: EntityManager): Promise<number> {
  await manager.query('DELETE FROM audit_merkle_nodes');
  const leaves = await readEventLeaves(manager, 0, 1_000_000);
  await merkleStore.append(manager, { size: 0, hashes: [] }, leaves);
  return leaves.length;
}
