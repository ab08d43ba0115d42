import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogService } from '../audit-log';
import { OutboundHttpClient, OutboundRefusedError } from '../common/outbound';
import type { Env } from '../config/env.schema';
import { DeliveriesRepository, type NewAttempt } from './deliveries.repository';
import type { DeliveryRow } from './delivery-row';
import { nextAttemptAt, type RetrySettings } from './retry-schedule';
import { signingSecrets, type SubscriptionRow } from './subscription-row';
import { SubscriptionsRepository } from './subscriptions.repository';
import { WebhookMetrics } from './webhook-metrics';
import { signDelivery } from './webhook-signature';
import { WEBHOOK_TARGET_TYPE } from './webhook.constants';

/** Namespace of the advisory locks that keep one send in flight per subscription. */
const SEND_LOCK_NAMESPACE = 0x77_68_6b; // "whk"
/** A drain hands the worker back after this many sends, so other subscriptions get turns. */
const SENDS_PER_TURN = 500;
/** Sends committed together; also the most a crash can make us send twice. */
const SENDS_PER_TRANSACTION = 25;

/**
 * Sends one attempt of a delivery and records it, with the subscription's queue held.
 */
@Injectable()
export class WebhookSenderService {
  private readonly logger = new Logger(WebhookSenderService.name);
  private readonly retry: RetrySettings;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly client: OutboundHttpClient,
    private readonly audit: AuditLogService,
    private readonly metrics: WebhookMetrics,
    config: ConfigService<Env, true>,
  ) {
    this.retry = {
      baseMs: config.get('WEBHOOK_RETRY_BASE_MS', { infer: true }),
      maxAgeMs: config.get('WEBHOOK_MAX_AGE_MS', { infer: true }),
    };
  }

  /** Sends a subscription's due deliveries strictly in order, until one must wait. */
  async drain(subscriptionId: string): Promise<number> {
    let sent = 0;
    while (sent < SENDS_PER_TURN) {
      const batch = await this.sendBatch(subscriptionId);
      sent += batch.succeeded;
      if (!batch.more) break;
    }
    return sent;
  }

  /**
   * One transaction holds the subscription's queue: a transaction-scoped advisory lock (so
   * only one send is ever in flight for it, across workers; PgBouncer's transaction mode keeps
   * working), then up to SENDS_PER_TRANSACTION heads sent one after the other, each attempt
   * recorded as it ends; the first that fails stops the batch (the next waits for it). All is
   * committed together, which keeps commits (fsyncs) off the per-delivery path. A worker killed
   * mid-batch commits nothing: those deliveries are still pending and are sent again, in order
   * (at-least-once; receivers dedupe by `webhook-id`).
   */
  private sendBatch(subscriptionId: string): Promise<{ succeeded: number; more: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const [subscription]: (SubscriptionRow & { locked: boolean })[] = await manager.query(
        `SELECT s.*, pg_try_advisory_xact_lock($1, hashtext($3)) AS locked
           FROM webhook_subscriptions s WHERE s.id = $2 AND s.disabled_at IS NULL`,
        [SEND_LOCK_NAMESPACE, subscriptionId, subscriptionId],
      );
      if (!subscription?.locked) return { succeeded: 0, more: false };
      const heads = await this.deliveries.heads(manager, subscriptionId, SENDS_PER_TRANSACTION);
      let succeeded = 0;
      for (const head of heads) {
        if (head.next_attempt_at > new Date()) return { succeeded, more: false };
        if (!(await this.sendOne(manager, subscription, head))) return { succeeded, more: false };
        succeeded += 1;
      }
      return { succeeded, more: heads.length === SENDS_PER_TRANSACTION };
    });
  }

  /** One attempt of the head delivery, recorded; true when it succeeded. */
  private async sendOne(
    manager: EntityManager,
    subscription: SubscriptionRow,
    head: DeliveryRow,
  ): Promise<boolean> {
    const attempt = await this.attempt(subscription, head);
    const succeeded = attempt.outcome === 'success';
    const retryAt = succeeded
      ? null
      : nextAttemptAt(head.created_at, head.attempt_count + 1, new Date(), this.retry);
    const exhausted = !succeeded && retryAt === null;
    const status = succeeded ? 'succeeded' : exhausted ? 'failed' : 'pending';
    await this.deliveries.recordAttempt(manager, head.id, attempt, status, retryAt);
    this.metrics.count(attempt.outcome);
    if (exhausted) {
      this.metrics.count('exhausted');
      await this.disable(manager, subscription, head, attempt);
    }
    return succeeded;
  }

  /** One signed POST; a refused URL (SSRF rules, DNS) is a failed attempt like any other. */
  async attempt(subscription: SubscriptionRow, delivery: DeliveryRow): Promise<NewAttempt> {
    const now = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'TaskTrackr-Webhooks/1',
      ...signDelivery(delivery.id, now, delivery.body, signingSecrets(subscription, now)),
    };
    try {
      const result = await this.client.post({
        url: subscription.url,
        headers,
        body: delivery.body,
      });
      return {
        outcome: result.ok ? 'success' : result.status === null ? 'network-error' : 'http-error',
        statusCode: result.status,
        latencyMs: result.latencyMs,
        responseBody: result.bodyPrefix,
        error: result.error,
      };
    } catch (error) {
      if (!(error instanceof OutboundRefusedError)) throw error;
      return {
        outcome: 'refused',
        statusCode: null,
        latencyMs: 0,
        responseBody: '',
        error: error.message,
      };
    }
  }

  /** The retry window is over: the subscription stops, visibly and audited, until re-enabled. */
  private async disable(
    manager: EntityManager,
    subscription: SubscriptionRow,
    delivery: DeliveryRow,
    attempt: NewAttempt,
  ): Promise<void> {
    const last =
      attempt.statusCode !== null
        ? `HTTP ${attempt.statusCode}`
        : (attempt.error ?? attempt.outcome);
    const reason = `delivery ${delivery.id} failed for ${duration(this.retry.maxAgeMs)} (last: ${last})`;
    await this.subscriptions.update(manager, subscription.id, {
      enabled: false,
      disabledReason: reason,
    });
    await this.audit.record(manager, {
      action: 'webhook.disabled',
      actor: { type: 'system', id: null, display: 'webhook dispatcher' },
      target: { type: WEBHOOK_TARGET_TYPE, id: subscription.id },
      changes: { disabledReason: { before: null, after: reason } },
      outcome: 'success',
      context: { ip: null, userAgent: null, requestId: null },
    });
    this.logger.warn(`webhook subscription ${subscription.id} disabled: ${reason}`);
  }
}

/** `3 days`, `6 hours`, `90 seconds`: the retry window as people say it. */
function duration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  const [size, name] = units.find(([unitMs]) => ms >= unitMs && ms % unitMs === 0) ?? [1, 'ms'];
  const count = ms / size;
  return name === 'ms' ? `${ms} ms` : `${count} ${name}${count === 1 ? '' : 's'}`;
}
