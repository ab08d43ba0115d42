import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The synthetic sealed events the audit benchmarks seed: the same mix of actions, actors,
 * changes and outcomes in every benchmark, so their figures describe the same rows.
 */
export function syntheticEvent(i: number) {
  return {
    id: randomUUID(),
    seq: String(i),
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
    actor: { type: 'user', id: `user-${i % 997}`, display: `user${i % 997}@example.com` },
    action: ['task.created', 'task.updated', 'auth.login.succeeded'][i % 3],
    target: { type: 'task', id: `task-${i % 50_000}` },
    changes: i % 3 === 1 ? { title: { before: `Title ${i}`, after: `Title, "v${i + 1}"` } } : null,
    outcome: i % 20 === 0 ? 'failure' : 'success',
    ip: `10.0.${i % 250}.${i % 200}`,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
    requestId: randomUUID(),
  };
}

type SyntheticEvent = ReturnType<typeof syntheticEvent>;

/** Column-wise rows for `insertSealedEvents` (one array per audit_events column). */
export class SealedEventColumns {
  readonly columns: unknown[][] = Array.from({ length: 16 }, () => []);

  push(event: SyntheticEvent, prevHash: string, hash: string): void {
    const row = [
      event.seq,
      event.id,
      event.occurredAt,
      event.action,
      event.actor.type,
      event.actor.id,
      event.actor.display,
      event.target.type,
      event.target.id,
      event.changes === null ? null : JSON.stringify(event.changes),
      event.outcome,
      event.ip,
      event.userAgent,
      event.requestId,
      prevHash,
      hash,
    ];
    row.forEach((value, column) => this.columns[column].push(value));
  }
}

/** One INSERT of a batch of sealed events, column arrays through `unnest`. */
export async function insertSealedEvents(
  dataSource: DataSource,
  batch: SealedEventColumns,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO audit_events (seq, id, occurred_at, action, actor_type, actor_id, actor_display,
       target_type, target_id, changes, outcome, ip, user_agent, request_id, prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[],
       $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::text[],
       $13::text[], $14::text[], $15::text[], $16::text[])`,
    batch.columns,
  );
}
