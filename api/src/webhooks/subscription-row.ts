import type { WebhookSubscriptionDto } from './dto/webhook-subscription.dto';
import type { WebhookEventType } from './webhook.constants';

/** A `webhook_subscriptions` row as the repository reads it (secrets included: never send it). */
export interface SubscriptionRow {
  id: string;
  owner_id: string;
  url: string;
  description: string;
  event_types: WebhookEventType[];
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  cursor_seq: string;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toSubscriptionDto(row: SubscriptionRow): WebhookSubscriptionDto {
  return {
    id: row.id,
    ownerId: row.owner_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    enabled: row.disabled_at === null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    disabledReason: row.disabled_reason,
    previousSecretExpiresAt:
      row.previous_secret_expires_at && row.previous_secret_expires_at > new Date()
        ? row.previous_secret_expires_at.toISOString()
        : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The secrets that sign now: the current one, and the previous one while it is still valid. */
export function signingSecrets(row: SubscriptionRow, now: Date): string[] {
  const previousValid =
    row.previous_secret !== null &&
    row.previous_secret_expires_at !== null &&
    row.previous_secret_expires_at > now;
  return previousValid ? [row.secret, row.previous_secret as string] : [row.secret];
}
