import type { WebhookAttemptDto, WebhookDeliveryDto } from './dto/webhook-delivery.dto';
import type { AttemptOutcome, DeliveryStatus } from './webhook.constants';

export interface DeliveryRow {
  id: string;
  position: string;
  subscription_id: string;
  event_seq: string | null;
  event_type: string;
  body: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date;
  replay_of: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export interface AttemptRow {
  delivery_id: string;
  attempted_at: Date;
  outcome: AttemptOutcome;
  status_code: number | null;
  latency_ms: number;
  response_body: string;
  error: string | null;
}

export function toAttemptDto(row: AttemptRow): WebhookAttemptDto {
  return {
    attemptedAt: row.attempted_at.toISOString(),
    outcome: row.outcome,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    responseBody: row.response_body,
    error: row.error,
  };
}

export function toDeliveryDto(row: DeliveryRow, attempts: AttemptRow[]): WebhookDeliveryDto {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventSeq: row.event_seq,
    eventType: row.event_type,
    status: row.status,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    replayOf: row.replay_of,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    attempts: attempts.map(toAttemptDto),
  };
}
