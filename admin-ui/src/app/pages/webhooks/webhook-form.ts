import type { RefusalWording } from '../../components/outbound-url/url-refusal-help';
import type {
  NewWebhookSubscription,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEventType,
  WebhookSubscription,
} from './webhooks-api';

export interface EventTypeChoice {
  type: WebhookEventType;
  label: string;
  /** Offered to admins only; the API answers 403 to anyone else. */
  adminOnly: boolean;
}

/** The event types a subscription may name, in the API's order (docs/webhooks.md). */
export const EVENT_TYPE_CHOICES: readonly EventTypeChoice[] = [
  { type: 'task.created', label: 'Task created', adminOnly: false },
  { type: 'task.updated', label: 'Task updated', adminOnly: false },
  { type: 'task.deleted', label: 'Task deleted', adminOnly: false },
  { type: 'task.restored', label: 'Task restored', adminOnly: false },
  { type: 'user.*', label: 'Every user event (user.*)', adminOnly: true },
];

export function eventTypeChoices(isAdmin: boolean): readonly EventTypeChoice[] {
  return EVENT_TYPE_CHOICES.filter((choice) => isAdmin || !choice.adminOnly);
}

/** The "New webhook" form as typed: one tick box per offered choice, in the same order. */
export interface WebhookFormValue {
  url: string;
  description: string;
  ticked: boolean[];
}

/** The event types whose box is ticked (API order, as the choices are). */
export function checkedEventTypes(
  choices: readonly EventTypeChoice[],
  ticked: readonly boolean[],
): WebhookEventType[] {
  return choices.filter((_, index) => ticked[index] === true).map((choice) => choice.type);
}

/** The request body: trimmed, an empty description left out rather than sent as "". */
export function toNewWebhook(
  choices: readonly EventTypeChoice[],
  value: WebhookFormValue,
): NewWebhookSubscription {
  const body: NewWebhookSubscription = {
    url: value.url.trim(),
    eventTypes: checkedEventTypes(choices, value.ticked),
  };
  const description = value.description.trim();
  if (description !== '') body.description = description;
  return body;
}

/** How the URL refusal help speaks of webhooks (components/outbound-url). */
export const WEBHOOK_REFUSAL_WORDING: RefusalWording = {
  receiver: 'receiver',
  payload: 'Webhook messages',
  credentials:
    'Leave credentials out of the URL: every delivery is signed with the secret shown after ' +
    'you subscribe, and your receiver should check that signature instead.',
};

/** What a person needs to know first about a subscription. */
export type SubscriptionState = 'active' | 'paused' | 'disabled';

/**
 * Enabled is active. A disabled one was either paused by someone (`paused by …`) or turned off
 * by the server after a delivery failed for the whole retry window: the latter needs attention.
 */
export function subscriptionState(subscription: WebhookSubscription): SubscriptionState {
  if (subscription.enabled) return 'active';
  return subscription.disabledReason?.startsWith('paused by ') ? 'paused' : 'disabled';
}

export const SUBSCRIPTION_STATE_LABELS: Readonly<Record<SubscriptionState, string>> = {
  active: 'Active',
  paused: 'Paused',
  disabled: 'Disabled',
};

/** The attempt that decides what a delivery shows: its latest. */
export function latestAttempt(delivery: WebhookDelivery): WebhookAttempt | null {
  return delivery.attempts.at(-1) ?? null;
}

/** The newest attempt over the deliveries given (the log is newest first, but say it once). */
export function lastAttempt(deliveries: readonly WebhookDelivery[]): WebhookAttempt | null {
  let last: WebhookAttempt | null = null;
  for (const delivery of deliveries) {
    for (const attempt of delivery.attempts) {
      if (!last || attempt.attemptedAt > last.attemptedAt) last = attempt;
    }
  }
  return last;
}

/** Deliveries still waiting to be sent (queued or being retried). */
export function backlog(deliveries: readonly WebhookDelivery[]): number {
  return deliveries.filter((delivery) => delivery.status === 'pending').length;
}

export const OUTCOME_LABELS: Readonly<Record<WebhookAttempt['outcome'], string>> = {
  success: 'Delivered',
  'http-error': 'HTTP error',
  'network-error': 'No answer',
  refused: 'Refused (SSRF rules)',
};

/** A latency for reading: `12 ms`, `1.3 s`. */
export function latencyText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The ISO instant of a `datetime-local` value (`2030-01-15T10:00`, the browser's local time),
 * or null when it is empty or not a time.
 */
export function localDateTimeToInstant(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The `datetime-local` value of an instant, in the browser's local time, to the minute. */
export function instantToLocalDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}
