import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { OutboundModule } from '../common/outbound';
import type { AppRole } from '../config/env.schema';
import { DeliveriesRepository } from './deliveries.repository';
import { SubscriptionsRepository } from './subscriptions.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookSenderService } from './webhook-sender.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks: the HTTP API where HTTP is served, the dispatcher (fan-out from the sealed audit
 * log, ordered sends, retries) where queues are worked (docs/webhooks.md).
 */
@Module({})
export class WebhooksModule {
  static forRole(role: AppRole): DynamicModule {
    const controllers: Type[] = role !== 'worker' ? [WebhooksController] : [];
    const workerProviders: Provider[] = role !== 'api' ? [WebhookDispatcher] : [];
    return {
      module: WebhooksModule,
      imports: [OutboundModule],
      controllers,
      providers: [
        SubscriptionsRepository,
        DeliveriesRepository,
        WebhookSenderService,
        WebhookMetrics,
        WebhooksService,
        ...workerProviders,
      ],
    };
  }
}
