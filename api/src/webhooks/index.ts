/**
 * The webhooks module's public API (docs/architecture.md): what the app root may import.
 * Everything else under webhooks/ is private to it (enforced by ESLint).
 */
export { WebhooksModule } from './webhooks.module';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook.constants';
export { signDelivery, newWebhookSecret } from './webhook-signature';
