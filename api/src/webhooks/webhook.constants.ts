/** Event types a subscription may name. `user.*` (every user event) is for admins only. */
export const TASK_EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.deleted',
  'task.restored',
] as const;
export const ADMIN_EVENT_TYPES = ['user.*'] as const;
export const WEBHOOK_EVENT_TYPES = [...TASK_EVENT_TYPES, ...ADMIN_EVENT_TYPES] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The body type of a test send (never taken from the audit log). */
export const TEST_EVENT_TYPE = 'webhook.test';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ['success', 'http-error', 'network-error', 'refused'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const WEBHOOK_LIMITS = {
  descriptionMax: 200,
  subscriptionsPageMax: 100,
  subscriptionsPageDefault: 50,
  deliveriesPageMax: 100,
  deliveriesPageDefault: 20,
  /** Events examined per fan-out transaction of one subscription. */
  fanOutBatch: 1000,
  /** A replay since T queues at most this many events (ask again from a later T for more). */
  replayMax: 50_000,
  /** An old secret stays valid this long after a rotation. */
  previousSecretTtlMs: 24 * 3600 * 1000,
  /** No single backoff delay is longer than this (the max age still bounds the whole). */
  retryDelayCapMs: 6 * 3600 * 1000,
} as const;

export const WEBHOOK_TARGET_TYPE = 'webhook';
