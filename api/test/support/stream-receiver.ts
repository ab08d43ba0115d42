import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What the receiver answers a request with: a status, or `hold` (answer later, by `release`). */
export type ReceiverAnswer = number | 'hold';

/**
 * A SIEM stand-in on loopback: records every request per path and answers what the test says
 * (`answer`), so a test can make it fail (500) or hold a request open mid-delivery.
 */
export class StreamReceiver {
  readonly requests: ReceivedRequest[] = [];
  answer: (request: ReceivedRequest) => ReceiverAnswer = () => 200;
  private held: ServerResponse[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(request);
        const answer = this.answer(request);
        if (answer === 'hold') {
          this.held.push(res);
          return;
        }
        res.writeHead(answer, { 'content-type': 'application/json' });
        res.end(answer < 300 ? '{"text":"Success","code":0}' : '{"text":"Internal error"}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  on(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Answers the held requests (their sender may be gone by then). */
  release(status = 200): void {
    for (const res of this.held.splice(0)) {
      if (!res.destroyed) res.writeHead(status).end();
    }
  }

  async stop(): Promise<void> {
    this.release(503);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
