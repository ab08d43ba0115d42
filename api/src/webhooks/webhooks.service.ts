import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogService, type AuditChanges } from '../audit-log';
import { auditActorOf } from '../common/access/audit-actor';
import type { Principal } from '../common/access/principal';
import type { RequestContext } from '../common/http/request-context';
import { OutboundHttpClient, OutboundRefusedError } from '../common/outbound';
import {
  CURSOR_KEYS,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
} from '../common/pagination/cursor';
import type { Page } from '../common/pagination/page.dto';
import { ProblemException } from '../common/problem/problem.exception';
import { invalidFields } from '../common/problem/validation-errors';
import { DeliveriesRepository } from './deliveries.repository';
import { toDeliveryDto, type DeliveryRow } from './delivery-row';
import type { WebhookDeliveryDto, WebhookReplayQueuedDto } from './dto/webhook-delivery.dto';
import type {
  CreatedWebhookSubscriptionDto,
  CreateWebhookSubscriptionDto,
  UpdateWebhookSubscriptionDto,
  WebhookSecretDto,
  WebhookSubscriptionDto,
} from './dto/webhook-subscription.dto';
import { toSubscriptionDto, type SubscriptionRow } from './subscription-row';
import { SubscriptionsRepository } from './subscriptions.repository';
import { WebhookSenderService } from './webhook-sender.service';
import { newWebhookSecret } from './webhook-signature';
import {
  ADMIN_EVENT_TYPES,
  TEST_EVENT_TYPE,
  WEBHOOK_LIMITS,
  WEBHOOK_TARGET_TYPE,
  type WebhookEventType,
} from './webhook.constants';

const notFound = () =>
  new ProblemException({ status: HttpStatus.NOT_FOUND, detail: 'No such webhook subscription' });

/**
 * Subscriptions and their delivery log. Access: admins manage every subscription, anyone else
 * only their own (someone else's is a 404, as if it did not exist); `user.*` is for admins.
 * Every change is audited in its own transaction.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly client: OutboundHttpClient,
    private readonly sender: WebhookSenderService,
    private readonly audit: AuditLogService,
  ) {}

  async create(
    principal: Principal,
    input: CreateWebhookSubscriptionDto,
    context: RequestContext,
  ): Promise<CreatedWebhookSubscriptionDto> {
    this.checkEventTypes(principal, input.eventTypes);
    await this.checkUrl(input.url);
    const secret = newWebhookSecret();
    const row = await this.dataSource.transaction(async (manager) => {
      const created = await this.subscriptions.insert(manager, {
        ownerId: principal.userId,
        url: input.url,
        description: input.description ?? '',
        eventTypes: input.eventTypes,
        secret,
      });
      await this.record(manager, principal, context, 'webhook.created', created.id, {
        url: { after: created.url },
        eventTypes: { after: created.event_types },
      });
      return created;
    });
    return { ...toSubscriptionDto(row), secret };
  }

  async list(
    principal: Principal,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<WebhookSubscriptionDto>> {
    const limit = query.limit ?? WEBHOOK_LIMITS.subscriptionsPageDefault;
    const fingerprint = queryFingerprint({ list: 'webhooks' });
    const after = query.cursor
      ? (decodeCursor(query.cursor, fingerprint, [CURSOR_KEYS.timestamp, CURSOR_KEYS.uuid]) as [
          string,
          string,
        ])
      : null;
    const rows = await this.subscriptions.list(
      isAdmin(principal) ? null : principal.userId,
      after,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSubscriptionDto),
      nextCursor:
        rows.length > limit && last ? encodeCursor(fingerprint, [last.created_key, last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<WebhookSubscriptionDto> {
    return toSubscriptionDto(await this.visible(principal, id));
  }

  async update(
    principal: Principal,
    id: string,
    input: UpdateWebhookSubscriptionDto,
    context: RequestContext,
  ): Promise<WebhookSubscriptionDto> {
    const before = await this.visible(principal, id);
    if (input.eventTypes) this.checkEventTypes(principal, input.eventTypes);
    if (input.url !== undefined) await this.checkUrl(input.url);
    const row = await this.dataSource.transaction(async (manager) => {
      const after = await this.subscriptions.update(manager, id, {
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        enabled: input.enabled,
        disabledReason: input.enabled === false ? `paused by ${principal.email}` : undefined,
      });
      await this.record(
        manager,
        principal,
        context,
        'webhook.updated',
        id,
        changesOf(before, after),
      );
      return after;
    });
    return toSubscriptionDto(row);
  }

  async remove(principal: Principal, id: string, context: RequestContext): Promise<void> {
    const row = await this.visible(principal, id);
    await this.dataSource.transaction(async (manager) => {
      await this.subscriptions.delete(manager, id);
      await this.record(manager, principal, context, 'webhook.deleted', id, {
        url: { before: row.url },
      });
    });
  }

  /** A new secret; the old one keeps signing (beside it) for 24 hours. */
  async rotateSecret(
    principal: Principal,
    id: string,
    context: RequestContext,
  ): Promise<WebhookSecretDto> {
    await this.visible(principal, id);
    const secret = newWebhookSecret();
    const until = new Date(Date.now() + WEBHOOK_LIMITS.previousSecretTtlMs);
    await this.dataSource.transaction(async (manager) => {
      await this.subscriptions.rotateSecret(manager, id, secret, until);
      await this.record(manager, principal, context, 'webhook.secret_rotated', id, {
        previousSecretExpiresAt: { after: until.toISOString() },
      });
    });
    return { secret, previousSecretExpiresAt: until.toISOString() };
  }

  /**
   * Sends a `webhook.test` message now, outside the queue (it does not wait for, or hold up,
   * queued deliveries), and answers the recorded delivery with its one attempt.
   */
  async testSend(principal: Principal, id: string): Promise<WebhookDeliveryDto> {
    const subscription = await this.visible(principal, id);
    const body = JSON.stringify({
      type: TEST_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: { subscriptionId: id, message: 'Test delivery from TaskTrackr' },
    });
    const provisional = { id: randomUUID(), body } as DeliveryRow;
    const attempt = await this.sender.attempt(subscription, provisional);
    const row = await this.dataSource.transaction(async (manager) => {
      const delivery = await this.deliveries.insertCompleted(
        manager,
        provisional.id,
        id,
        TEST_EVENT_TYPE,
        body,
        attempt.outcome === 'success' ? 'succeeded' : 'failed',
      );
      await this.deliveries.recordAttempt(manager, delivery.id, attempt, delivery.status, null);
      return delivery;
    });
    return this.deliveryWithAttempts(id, row.id);
  }

  async listDeliveries(
    principal: Principal,
    id: string,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<WebhookDeliveryDto>> {
    await this.visible(principal, id);
    const limit = query.limit ?? WEBHOOK_LIMITS.deliveriesPageDefault;
    const fingerprint = queryFingerprint({ list: 'webhook-deliveries', subscription: id });
    const before = query.cursor
      ? decodeCursor(query.cursor, fingerprint, [CURSOR_KEYS.bigint])[0]
      : null;
    const rows = await this.deliveries.list(id, before, limit + 1);
    const page = rows.slice(0, limit);
    const attempts = await this.deliveries.attemptsOf(page.map((row) => row.id));
    const last = page.at(-1);
    return {
      items: page.map((row) =>
        toDeliveryDto(
          row,
          attempts.filter((attempt) => attempt.delivery_id === row.id),
        ),
      ),
      nextCursor: rows.length > limit && last ? encodeCursor(fingerprint, [last.position]) : null,
    };
  }

  /** Queues one past delivery again (a new `webhook-id`), after those already waiting. */
  async replayDelivery(
    principal: Principal,
    id: string,
    deliveryId: string,
    context: RequestContext,
  ): Promise<WebhookDeliveryDto> {
    await this.visible(principal, id);
    const original = await this.deliveries.find(id, deliveryId);
    if (!original) {
      throw new ProblemException({
        status: HttpStatus.NOT_FOUND,
        detail: 'No such delivery of this subscription',
      });
    }
    const replay = await this.dataSource.transaction(async (manager) => {
      const row = await this.deliveries.insertReplay(manager, original);
      await this.record(manager, principal, context, 'webhook.replayed', id, {
        delivery: { after: original.id },
      });
      return row;
    });
    return toDeliveryDto(replay, []);
  }

  /**
   * Queues again every event since `since` up to the subscription's cursor, filtered as the
   * first time (event types and what the owner may read now).
   */
  async replaySince(
    principal: Principal,
    id: string,
    since: Date,
    context: RequestContext,
  ): Promise<WebhookReplayQueuedDto> {
    await this.visible(principal, id);
    const queued = await this.dataSource.transaction(async (manager) => {
      const [locked]: { cursor_seq: string }[] = await manager.query(
        'SELECT cursor_seq FROM webhook_subscriptions WHERE id = $1 FOR UPDATE',
        [id],
      );
      const after = await this.deliveries.seqBefore(manager, since);
      const count = await this.deliveries.queueRange(
        manager,
        id,
        after,
        locked.cursor_seq,
        WEBHOOK_LIMITS.replayMax,
      );
      await this.record(manager, principal, context, 'webhook.replayed', id, {
        since: { after: since.toISOString() },
        queued: { after: count },
      });
      return count;
    });
    return { queued };
  }

  private async deliveryWithAttempts(
    subscriptionId: string,
    deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    const row = await this.deliveries.find(subscriptionId, deliveryId);
    if (!row) throw notFound();
    return toDeliveryDto(row, await this.deliveries.attemptsOf([row.id]));
  }

  /** The subscription when the caller may see it; a 404 otherwise. */
  private async visible(principal: Principal, id: string): Promise<SubscriptionRow> {
    const row = await this.subscriptions.find(id);
    if (!row || (!isAdmin(principal) && row.owner_id !== principal.userId)) throw notFound();
    return row;
  }

  private checkEventTypes(principal: Principal, types: readonly WebhookEventType[]): void {
    const adminOnly = types.filter((type) =>
      (ADMIN_EVENT_TYPES as readonly string[]).includes(type),
    );
    if (adminOnly.length > 0 && !isAdmin(principal)) {
      throw new ProblemException({
        status: HttpStatus.FORBIDDEN,
        detail: `only admins may subscribe to ${adminOnly.join(', ')}`,
        errors: [{ path: 'eventTypes', message: `${adminOnly.join(', ')} is for admins only` }],
      });
    }
  }

  /** The SSRF rules, DNS included, at subscribe time (they are checked again at every send). */
  private async checkUrl(url: string): Promise<void> {
    try {
      await this.client.resolve(url);
    } catch (error) {
      if (!(error instanceof OutboundRefusedError)) throw error;
      throw invalidFields(
        [{ path: 'url', message: `url ${error.message}` }],
        `url refused: ${error.message}`,
      );
    }
  }

  private record(
    manager: EntityManager,
    principal: Principal,
    context: RequestContext,
    action: string,
    id: string,
    changes: AuditChanges,
  ): Promise<void> {
    return this.audit.record(manager, {
      action,
      actor: auditActorOf(principal),
      target: { type: WEBHOOK_TARGET_TYPE, id },
      changes,
      outcome: 'success',
      context,
    });
  }
}

function isAdmin(principal: Principal): boolean {
  return principal.roles.includes('admin');
}

function changesOf(before: SubscriptionRow, after: SubscriptionRow): AuditChanges {
  const changes: AuditChanges = {};
  if (before.url !== after.url) changes.url = { before: before.url, after: after.url };
  if (before.description !== after.description) {
    changes.description = { before: before.description, after: after.description };
  }
  if (before.event_types.join() !== after.event_types.join()) {
    changes.eventTypes = { before: before.event_types, after: after.event_types };
  }
  if ((before.disabled_at === null) !== (after.disabled_at === null)) {
    changes.enabled = { before: before.disabled_at === null, after: after.disabled_at === null };
  }
  return changes;
}
