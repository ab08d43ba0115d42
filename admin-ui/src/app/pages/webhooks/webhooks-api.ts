import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';

export type WebhookSubscription = Schema<'WebhookSubscription'>;
export type CreatedWebhookSubscription = Schema<'CreatedWebhookSubscription'>;
export type NewWebhookSubscription = Schema<'CreateWebhookSubscription'>;
export type WebhookChange = Schema<'UpdateWebhookSubscription'>;
export type WebhookEventType = Schema<'WebhookEventType'>;
export type WebhookSecret = Schema<'WebhookSecret'>;
export type WebhookDelivery = Schema<'WebhookDelivery'>;
export type WebhookAttempt = Schema<'WebhookAttempt'>;

/** The API's largest page: one page holds every subscription a person plausibly has. */
const SUBSCRIPTIONS_PAGE = 100;
/** Recent deliveries shown per subscription (the log is newest first). */
const DELIVERIES_PAGE = 50;

/** Webhook subscriptions (mine; admins: everyone's), their delivery log and replays. */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly client = inject(Api).client;
  private readonly network = inject(NetworkStatus);

  async list(): Promise<WebhookSubscription[]> {
    const result = await this.client.GET('/api/v1/webhooks', {
      params: { query: { limit: SUBSCRIPTIONS_PAGE } },
    });
    this.network.noteResponse(result.response);
    return unwrap(result).items;
  }

  async get(id: string): Promise<WebhookSubscription> {
    return unwrap(await this.client.GET('/api/v1/webhooks/{id}', { params: { path: { id } } }));
  }

  /** Subscribes; the answer carries the signing secret, the only time it is shown. */
  async create(body: NewWebhookSubscription): Promise<CreatedWebhookSubscription> {
    return unwrap(await this.client.POST('/api/v1/webhooks', { body }));
  }

  async update(id: string, body: WebhookChange): Promise<WebhookSubscription> {
    return unwrap(
      await this.client.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body }),
    );
  }

  async remove(id: string): Promise<void> {
    unwrap(await this.client.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }));
  }

  /** A new secret (shown once); the old one keeps signing beside it for 24 h. */
  async rotateSecret(id: string): Promise<WebhookSecret> {
    return unwrap(
      await this.client.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } } }),
    );
  }

  /** Sends a signed `webhook.test` now and answers what the receiver said. */
  async sendTest(id: string): Promise<WebhookDelivery> {
    return unwrap(
      await this.client.POST('/api/v1/webhooks/{id}/test', { params: { path: { id } } }),
    );
  }

  /** The newest deliveries first, each with every attempt. */
  async deliveries(id: string): Promise<WebhookDelivery[]> {
    const result = await this.client.GET('/api/v1/webhooks/{id}/deliveries', {
      params: { path: { id }, query: { limit: DELIVERIES_PAGE } },
    });
    this.network.noteResponse(result.response);
    return unwrap(result).items;
  }

  /** Queues one past delivery again, with a new `webhook-id`. */
  async replayDelivery(id: string, deliveryId: string): Promise<WebhookDelivery> {
    return unwrap(
      await this.client.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay', {
        params: { path: { id, deliveryId } },
      }),
    );
  }

  /** Queues again every matching event since `since` (ISO instant); answers how many. */
  async replaySince(id: string, since: string): Promise<number> {
    const result = await this.client.POST('/api/v1/webhooks/{id}/replay', {
      params: { path: { id } },
      body: { since },
    });
    return unwrap(result).queued;
  }
}
