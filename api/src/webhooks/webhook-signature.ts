import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The three Standard Webhooks headers of one send. */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs `id.timestamp.body` with each secret (HMAC-SHA256, standardwebhooks); during a
 * rotation both the new and the old secret sign, space-separated (`v1,<a> v1,<b>`), so a
 * receiver holding either verifies.
 */
export function signDelivery(
  id: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  const seconds = Math.floor(at.getTime() / 1000);
  const when = new Date(seconds * 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(id, when, body))
      .join(' '),
  };
}
