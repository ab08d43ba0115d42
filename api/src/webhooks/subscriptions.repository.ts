import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SubscriptionRow } from './subscription-row';
import type { WebhookEventType } from './webhook.constants';

export interface NewSubscription {
  ownerId: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  secret: string;
}

export interface SubscriptionChanges {
  url?: string;
  description?: string;
  eventTypes?: WebhookEventType[];
  /** true: enable (clears the reason); false: disable with `disabledReason`. */
  enabled?: boolean;
  disabledReason?: string;
}

/** SQL of `webhook_subscriptions`. */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new subscription starts after the newest sealed event: it receives what happens next. */
  async insert(manager: EntityManager, input: NewSubscription): Promise<SubscriptionRow> {
    const [row]: SubscriptionRow[] = await manager.query(
      `INSERT INTO webhook_subscriptions (owner_id, url, description, event_types, secret, cursor_seq)
       VALUES ($1, $2, $3, $4, $5, COALESCE((SELECT max(seq) FROM audit_events), 0))
       RETURNING *`,
      [input.ownerId, input.url, input.description, input.eventTypes, input.secret],
    );
    return row;
  }

  async find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SubscriptionRow | null> {
    const rows: SubscriptionRow[] = await manager.query(
      'SELECT * FROM webhook_subscriptions WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** One page, oldest first, after the keyset (created_at, id); `ownerId` null: everyone's. */
  async list(
    ownerId: string | null,
    after: [string, string] | null,
    limit: number,
  ): Promise<(SubscriptionRow & { created_key: string })[]> {
    return this.dataSource.query(
      `SELECT *, created_at::text AS created_key FROM webhook_subscriptions
        WHERE ($1::uuid IS NULL OR owner_id = $1)
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [ownerId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: SubscriptionChanges,
  ): Promise<SubscriptionRow> {
    const [rows]: [SubscriptionRow[], number] = await manager.query(
      `UPDATE webhook_subscriptions SET
         url = COALESCE($2, url),
         description = COALESCE($3, description),
         event_types = COALESCE($4, event_types),
         disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at
                            WHEN $5 THEN NULL ELSE COALESCE(disabled_at, now()) END,
         disabled_reason = CASE WHEN $5::boolean IS NULL THEN disabled_reason
                                WHEN $5 THEN NULL ELSE COALESCE($6, disabled_reason) END,
         updated_at = now()
       WHERE id = $1 RETURNING *`,
      [
        id,
        changes.url ?? null,
        changes.description ?? null,
        changes.eventTypes ?? null,
        changes.enabled ?? null,
        changes.disabledReason ?? null,
      ],
    );
    return rows[0];
  }

  async rotateSecret(
    manager: EntityManager,
    id: string,
    secret: string,
    previousUntil: Date,
  ): Promise<SubscriptionRow> {
    const [rows]: [SubscriptionRow[], number] = await manager.query(
      `UPDATE webhook_subscriptions
          SET previous_secret = secret, previous_secret_expires_at = $3, secret = $2, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [id, secret, previousUntil],
    );
    return rows[0];
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM webhook_subscriptions WHERE id = $1', [id]);
  }

  /** Every subscription id, for the fan-out (disabled ones too: their events wait, in order). */
  async allIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM webhook_subscriptions ORDER BY id',
    );
    return rows.map((row) => row.id);
  }
}
