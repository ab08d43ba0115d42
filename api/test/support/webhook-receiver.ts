import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body (our payloads are JSON). */
  json: { type: string; timestamp: string; data: Record<string, unknown> & { seq?: string } };
}

/** Decides the answer to one request; `hold` never answers (a receiver that hangs). */
export type ReceiverReply = number | 'hold';

/**
 * A webhook receiver on loopback, started by the test: records every request and answers
 * what `reply` says for its path (200 by default).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: Server | undefined;
  private readonly held: ServerResponse[] = [];
  reply: (path: string, count: number) => ReceiverReply = () => 200;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        this.received.push({
          path,
          headers: req.headers,
          body,
          json: JSON.parse(body) as ReceivedWebhook['json'],
        });
        const answer = this.reply(path, this.at(path).length);
        if (answer === 'hold') this.held.push(res);
        else res.writeHead(answer, { 'content-type': 'text/plain' }).end(`answer ${answer}`);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * Standard Webhooks verification written out with node:crypto only (not the library we sign
 * with): HMAC-SHA256 over `id.timestamp.body` keyed by the base64 part of `whsec_…`; answers
 * which of the `v1,` signatures in the header match.
 */
export function matchingSignatures(request: ReceivedWebhook, secret: string): boolean[] {
  const id = String(request.headers['webhook-id']);
  const timestamp = String(request.headers['webhook-timestamp']);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest();
  return String(request.headers['webhook-signature'])
    .split(' ')
    .map((part) => {
      const [version, signature] = part.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return (
        version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
      );
    });
}
