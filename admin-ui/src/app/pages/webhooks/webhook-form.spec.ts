import {
  backlog,
  checkedEventTypes,
  eventTypeChoices,
  instantToLocalDateTime,
  lastAttempt,
  latencyText,
  latestAttempt,
  localDateTimeToInstant,
  subscriptionState,
  toNewWebhook,
} from './webhook-form';
import type { WebhookAttempt, WebhookDelivery, WebhookSubscription } from './webhooks-api';

function attempt(attemptedAt: string, outcome: WebhookAttempt['outcome']): WebhookAttempt {
  return { attemptedAt, outcome, statusCode: 200, latencyMs: 5, responseBody: '', error: null };
}

function delivery(status: WebhookDelivery['status'], attempts: WebhookAttempt[]): WebhookDelivery {
  return {
    id: `d-${attempts.length}-${status}`,
    subscriptionId: 'w1',
    eventSeq: '1',
    eventType: 'task.created',
    status,
    attemptCount: attempts.length,
    nextAttemptAt: null,
    replayOf: null,
    createdAt: '2030-01-01T00:00:00.000Z',
    completedAt: null,
    attempts,
  };
}

function subscription(enabled: boolean, disabledReason: string | null): WebhookSubscription {
  return {
    id: 'w1',
    ownerId: 'u1',
    url: 'https://hooks.example.com/in',
    description: '',
    eventTypes: ['task.created'],
    enabled,
    disabledAt: enabled ? null : '2030-01-01T00:00:00.000Z',
    disabledReason,
    previousSecretExpiresAt: null,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
  };
}

describe('event type choices', () => {
  it('offers user.* to admins only', () => {
    expect(eventTypeChoices(false).map((c) => c.type)).not.toContain('user.*');
    expect(eventTypeChoices(true).map((c) => c.type)).toContain('user.*');
  });

  it('sends the ticked types in the API order, trimmed URL, no empty description', () => {
    const choices = eventTypeChoices(false);
    const ticked = [true, false, true, false];
    expect(checkedEventTypes(choices, ticked)).toEqual(['task.created', 'task.deleted']);
    expect(
      toNewWebhook(choices, { url: ' https://h.example/x ', description: '  ', ticked }),
    ).toEqual({ url: 'https://h.example/x', eventTypes: ['task.created', 'task.deleted'] });
    expect(
      toNewWebhook(choices, { url: 'https://h.example/x', description: ' CRM ', ticked })
        .description,
    ).toBe('CRM');
  });
});

describe('subscriptionState', () => {
  it('tells a pause by a person from a disable by the server', () => {
    expect(subscriptionState(subscription(true, null))).toBe('active');
    expect(subscriptionState(subscription(false, 'paused by ann@example.com'))).toBe('paused');
    expect(
      subscriptionState(subscription(false, 'delivery d1 failed for 3 days: 500 from receiver')),
    ).toBe('disabled');
  });
});

describe('delivery figures', () => {
  const first = attempt('2030-01-01T00:00:01.000Z', 'http-error');
  const second = attempt('2030-01-01T00:00:09.000Z', 'success');
  const other = attempt('2030-01-01T00:00:05.000Z', 'success');
  const log = [
    delivery('pending', []),
    delivery('succeeded', [first, second]),
    delivery('succeeded', [other]),
  ];

  it('takes the latest attempt of a delivery, and the newest over the log', () => {
    expect(latestAttempt(log[1])).toBe(second);
    expect(latestAttempt(log[0])).toBeNull();
    expect(lastAttempt(log)).toBe(second);
    expect(lastAttempt([])).toBeNull();
  });

  it('counts what still waits', () => {
    expect(backlog(log)).toBe(1);
  });

  it('reads latencies', () => {
    expect(latencyText(12.4)).toBe('12 ms');
    expect(latencyText(1340)).toBe('1.3 s');
  });
});

describe('replay since: local date-time', () => {
  it('round-trips a local time through an ISO instant', () => {
    const local = instantToLocalDateTime(new Date(2030, 0, 15, 9, 5));
    expect(local).toBe('2030-01-15T09:05');
    const instant = localDateTimeToInstant(local);
    expect(instant).not.toBeNull();
    expect(new Date(instant ?? '').getTime()).toBe(new Date(2030, 0, 15, 9, 5).getTime());
  });

  it('refuses empty or malformed input', () => {
    expect(localDateTimeToInstant('')).toBeNull();
    expect(localDateTimeToInstant('yesterday')).toBeNull();
    expect(localDateTimeToInstant('2030-13-45T99:99')).toBeNull();
  });
});
