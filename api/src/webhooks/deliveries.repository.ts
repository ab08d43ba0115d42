import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AttemptRow, DeliveryRow } from './delivery-row';
import { DELIVERY_BODY_SQL, EVENT_MATCHES_SQL, SUBSCRIBER_CTE } from './event-selection.sql';
import type { AttemptOutcome, DeliveryStatus } from './webhook.constants';

export interface NewAttempt {
  outcome: AttemptOutcome;
  statusCode: number | null;
  latencyMs: number;
  responseBody: string;
  error: string | null;
}

/** SQL of `webhook_deliveries` and `webhook_attempts`, and the fan-out from `audit_events`. */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Moves one subscription's cursor over the next `batch` sealed events, queueing a delivery
   * for each it matches, in one transaction: the subscription row is locked (skipped when
   * another worker holds it), so two workers never queue the same event twice, and a crash
   * leaves both the cursor and the queue as they were. Returns how many events were examined.
   */
  async fanOut(subscriptionId: string, batch: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const locked: { cursor_seq: string }[] = await manager.query(
        'SELECT cursor_seq FROM webhook_subscriptions WHERE id = $1 FOR UPDATE SKIP LOCKED',
        [subscriptionId],
      );
      if (locked.length === 0) return 0;
      const [range]: { last: string | null; examined: number }[] = await manager.query(
        `SELECT max(seq)::text AS last, count(*)::int AS examined
           FROM (SELECT seq FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2) scanned`,
        [locked[0].cursor_seq, batch],
      );
      if (!range.last) return 0;
      await this.queueRange(manager, subscriptionId, locked[0].cursor_seq, range.last, null);
      await manager.query('UPDATE webhook_subscriptions SET cursor_seq = $2 WHERE id = $1', [
        subscriptionId,
        range.last,
      ]);
      return range.examined;
    });
  }

  /** Queues the matching events with seq in (after, upTo], in seq order; returns the count. */
  async queueRange(
    manager: EntityManager,
    subscriptionId: string,
    after: string,
    upTo: string,
    limit: number | null,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `WITH ${SUBSCRIBER_CTE}
       INSERT INTO webhook_deliveries (subscription_id, event_seq, event_type, body)
       SELECT sub.id, e.seq, e.action, ${DELIVERY_BODY_SQL}
         FROM audit_events e, sub
        WHERE e.seq > $2 AND e.seq <= $3 AND ${EVENT_MATCHES_SQL}
        ORDER BY e.seq
        LIMIT $4
       RETURNING 1`,
      [subscriptionId, after, upTo, limit],
    );
    return rows.length;
  }

  /** The seq just before the first event that occurred at or after `since`. */
  async seqBefore(manager: EntityManager, since: Date): Promise<string> {
    const [row]: { seq: string }[] = await manager.query(
      `SELECT COALESCE((SELECT seq - 1 FROM audit_events WHERE occurred_at >= $1
                         ORDER BY occurred_at, seq LIMIT 1), (SELECT COALESCE(max(seq), 0) FROM audit_events))::text AS seq`,
      [since],
    );
    return row.seq;
  }

  /** The subscriptions whose next delivery (in order) is due now. */
  async dueSubscriptions(limit: number): Promise<string[]> {
    const rows: { subscription_id: string }[] = await this.dataSource.query(
      `SELECT head.subscription_id FROM (
         SELECT DISTINCT ON (d.subscription_id) d.subscription_id, d.next_attempt_at
           FROM webhook_deliveries d
          WHERE d.status = 'pending'
          ORDER BY d.subscription_id, d.position) head
         JOIN webhook_subscriptions s ON s.id = head.subscription_id AND s.disabled_at IS NULL
        WHERE head.next_attempt_at <= now()
        ORDER BY head.next_attempt_at
        LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.subscription_id);
  }

  /** The first pending deliveries of a subscription (the head of its queue), in order, locked. */
  async heads(
    manager: EntityManager,
    subscriptionId: string,
    limit: number,
  ): Promise<DeliveryRow[]> {
    return manager.query(
      `SELECT * FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'pending'
        ORDER BY position LIMIT $2 FOR UPDATE`,
      [subscriptionId, limit],
    );
  }

  async recordAttempt(
    manager: EntityManager,
    deliveryId: string,
    attempt: NewAttempt,
    status: DeliveryStatus,
    nextAttemptAt: Date | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_attempts (delivery_id, outcome, status_code, latency_ms, response_body, error)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        deliveryId,
        attempt.outcome,
        attempt.statusCode,
        attempt.latencyMs,
        attempt.responseBody,
        attempt.error,
      ],
    );
    await manager.query(
      `UPDATE webhook_deliveries
          SET attempt_count = attempt_count + 1, status = $2,
              next_attempt_at = COALESCE($3, next_attempt_at),
              completed_at = CASE WHEN $2 = 'pending' THEN NULL ELSE now() END
        WHERE id = $1`,
      [deliveryId, status, nextAttemptAt],
    );
  }

  /** A delivery row outside the queue (test sends), already completed. */
  async insertCompleted(
    manager: EntityManager,
    id: string,
    subscriptionId: string,
    eventType: string,
    body: string,
    status: DeliveryStatus,
  ): Promise<DeliveryRow> {
    const [row]: DeliveryRow[] = await manager.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, event_type, body, status, completed_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING *`,
      [id, subscriptionId, eventType, body, status],
    );
    return row;
  }

  /** Queues the same message again at the end of the subscription's queue (a new webhook-id). */
  async insertReplay(manager: EntityManager, original: DeliveryRow): Promise<DeliveryRow> {
    const [row]: DeliveryRow[] = await manager.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_seq, event_type, body, replay_of)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [
        original.subscription_id,
        original.event_seq,
        original.event_type,
        original.body,
        original.id,
      ],
    );
    return row;
  }

  async find(subscriptionId: string, id: string): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      'SELECT * FROM webhook_deliveries WHERE subscription_id = $1 AND id = $2',
      [subscriptionId, id],
    );
    return rows[0] ?? null;
  }

  /** One page, newest first, before the keyset position. */
  async list(subscriptionId: string, before: string | null, limit: number): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT * FROM webhook_deliveries
        WHERE subscription_id = $1 AND ($2::bigint IS NULL OR position < $2::bigint)
        ORDER BY position DESC LIMIT $3`,
      [subscriptionId, before, limit],
    );
  }

  async attemptsOf(deliveryIds: string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT delivery_id, attempted_at, outcome, status_code, latency_ms, response_body, error
         FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY id`,
      [deliveryIds],
    );
  }

  async backlog(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`,
    );
    return row.n;
  }
}
