import { DataSource, EntityManager } from 'typeorm';
import {
  chainHashOfCanonical,
  canonicalEvent,
  GENESIS_HASH,
} from '../../src/audit-log/chain/event-hash';
import { leafHash } from '../../src/audit-log/merkle';
import { hashedFieldsOf } from '../../src/audit-log/tree/event-leaves';
import { merkleStore } from '../../src/audit-log/tree/merkle-store';

/**
 * What a superuser can do to the audit tables with their append-only triggers disabled (the
 * probe of issue #17). Each helper leaves the chain and the tree internally consistent, so only
 * an outside reference (a published checkpoint, a witness) can tell.
 */

const TRIGGERS: [table: string, trigger: string][] = [
  ['audit_events', 'audit_events_append_only'],
  ['audit_checkpoints', 'audit_checkpoints_append_only'],
  ['audit_merkle_segments', 'audit_merkle_segments_append_only'],
  ['audit_tree_checkpoints', 'audit_tree_checkpoints_append_only'],
];

/** Runs `work` in one transaction with the append-only triggers disabled (needs the table owner). */
export async function asSuperuser(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<void>,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const [table, trigger] of TRIGGERS)
      await manager.query(`ALTER TABLE "${table}" DISABLE TRIGGER "${trigger}"`);
    await work(manager);
    for (const [table, trigger] of TRIGGERS)
      await manager.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${trigger}"`);
  });
}

/** Recomputes every chain hash from `fromSeq` on, as the attacker of a bare hash chain would. */
export async function rehashChain(manager: EntityManager, fromSeq: number): Promise<void> {
  const previous: { hash: string }[] = await manager.query(
    'SELECT hash FROM audit_events WHERE seq = $1',
    [fromSeq - 1],
  );
  let prevHash = previous[0]?.hash ?? GENESIS_HASH;
  const rows: Parameters<typeof hashedFieldsOf>[0][] = await manager.query(
    `SELECT seq, id, occurred_at, action, actor_type, actor_id, actor_display, target_type, target_id,
            changes, outcome, ip, user_agent, request_id, trace_id
       FROM audit_events WHERE seq >= $1 ORDER BY seq`,
    [fromSeq],
  );
  for (const row of rows) {
    const hash = chainHashOfCanonical(prevHash, canonicalEvent(hashedFieldsOf(row)));
    await manager.query('UPDATE audit_events SET prev_hash = $2, hash = $3 WHERE seq = $1', [
      row.seq,
      prevHash,
      hash,
    ]);
    prevHash = hash;
  }
}

/** Throws the tree away and rebuilds it from the events as they are now. */
export async function rebuildTree(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM audit_merkle_segments');
  const rows: Parameters<typeof hashedFieldsOf>[0][] = await manager.query(
    `SELECT seq, id, occurred_at, action, actor_type, actor_id, actor_display, target_type, target_id,
            changes, outcome, ip, user_agent, request_id, trace_id
       FROM audit_events ORDER BY seq`,
  );
  const leaves = rows.map((row) => leafHash(canonicalEvent(hashedFieldsOf(row))));
  await merkleStore.append(manager, { size: 0, hashes: [] }, leaves);
}

/** (a) Edits one event's actor display, then recomputes the chain and the tree over it. */
export function editEvent(dataSource: DataSource, seq: number, display: string): Promise<void> {
  return asSuperuser(dataSource, async (manager) => {
    await manager.query('UPDATE audit_events SET actor_display = $2 WHERE seq = $1', [
      seq,
      display,
    ]);
    await rehashChain(manager, seq);
    await rebuildTree(manager);
  });
}

/** (b) Deletes the `count` newest events and their tree nodes. */
export function deleteNewest(dataSource: DataSource, count: number): Promise<void> {
  return asSuperuser(dataSource, async (manager) => {
    await manager.query(
      'DELETE FROM audit_events WHERE seq > (SELECT max(seq) FROM audit_events) - $1',
      [count],
    );
    await rebuildTree(manager);
  });
}

/**
 * (c) Rolls the log back to its state at `seq`: newer events, tree nodes and every checkpoint
 * row past it are gone, as if restored from an old backup. Re-sealing then grows a new tail.
 */
export function rollBackTo(dataSource: DataSource, seq: number): Promise<void> {
  return asSuperuser(dataSource, async (manager) => {
    await manager.query('DELETE FROM audit_events WHERE seq > $1', [seq]);
    await manager.query('DELETE FROM audit_checkpoints WHERE seq > $1', [seq]);
    await manager.query('DELETE FROM audit_tree_checkpoints WHERE tree_size > $1', [seq]);
    await rebuildTree(manager);
  });
}
