import type { AuditChanges } from '../audit-event.input';
import { HashedEventFields } from '../chain/event-hash';
import { eventLeafHash } from '../merkle';
import { Queryable } from './merkle-store';

interface StoredEventRow {
  seq: string;
  id: string;
  occurred_at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_display: string;
  target_type: string;
  target_id: string | null;
  changes: AuditChanges | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  trace_id: string | null;
}

/** The columns an event's hash covers besides its id and seq: an audit_events or outbox row's. */
export type HashedColumns = Omit<StoredEventRow, 'id' | 'seq'>;

/** The hashed form of a stored event's columns, with its id and seq given apart (the sealer
 * reads outbox rows, whose id column is the outbox's and whose seq it assigns). */
export function hashedFieldsOfColumns(
  row: HashedColumns,
  id: string,
  seq: string,
): HashedEventFields {
  return {
    id,
    seq,
    occurredAt: row.occurred_at,
    actor: { type: row.actor_type, id: row.actor_id, display: row.actor_display },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    changes: row.changes,
    outcome: row.outcome,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    traceId: row.trace_id,
  };
}

export function hashedFieldsOf(row: StoredEventRow): HashedEventFields {
  return hashedFieldsOfColumns(row, row.id, row.seq);
}

/**
 * Leaf hashes of the sealed events with seq in (afterSeq, afterSeq + limit], in seq order,
 * read from `audit_events` (catch-up and backfill). Stops at the first missing seq, so a
 * gap (purged or deleted rows) never shifts a leaf to the wrong index.
 */
export async function readEventLeaves(
  db: Queryable,
  afterSeq: number,
  limit: number,
): Promise<Buffer[]> {
  const rows: StoredEventRow[] = await db.query(
    `SELECT seq, id, occurred_at, action, actor_type, actor_id, actor_display, target_type,
            target_id, changes, outcome, ip, user_agent, request_id, trace_id
       FROM audit_events WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
    [afterSeq, afterSeq + limit],
  );
  const leaves: Buffer[] = [];
  for (const row of rows) {
    if (Number(row.seq) !== afterSeq + leaves.length + 1) break;
    leaves.push(eventLeafHash(hashedFieldsOf(row)));
  }
  return leaves;
}
