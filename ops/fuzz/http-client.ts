import http from 'node:http';
import type { FuzzRequest } from './request-model';

export interface ObservedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Only part of the body was read: a stream watched for a moment, or a body over the cap. */
  truncated: boolean;
}

export type SendOutcome =
  | { kind: 'response'; response: ObservedResponse; durationMs: number }
  /** No response: the server hung, reset the connection, or answered garbage. */
  | { kind: 'no-response'; error: string; durationMs: number }
  /** Node refused to send it (a header or path it cannot write): a generator bug. */
  | { kind: 'unsendable'; error: string; durationMs: number };

export interface SenderOptions {
  /** A request not answered within this is a failure (a hang is as bad as a 500). */
  timeoutMs: number;
  /** How long an event stream is read before the fuzzer hangs up. */
  streamWindowMs: number;
  maxBodyBytes: number;
}

const DEFAULTS: SenderOptions = {
  timeoutMs: 20_000,
  streamWindowMs: 250,
  maxBodyBytes: 20_000_000,
};

/**
 * Sends generated requests byte for byte over `node:http` (fetch would normalize the path,
 * refuse a GET body and reject some headers), on keep-alive sockets.
 */
export class HttpSender {
  private readonly agent: http.Agent;
  private readonly target: URL;
  private readonly options: SenderOptions;

  constructor(baseUrl: string, concurrency: number, options: Partial<SenderOptions> = {}) {
    this.target = new URL(baseUrl);
    this.options = { ...DEFAULTS, ...options };
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  }

  send(request: FuzzRequest): Promise<SendOutcome> {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    const body =
      request.body === undefined ? undefined : Buffer.from(request.body, request.bodyEncoding);
    const headers: http.OutgoingHttpHeaders = { ...request.headers };
    if (body !== undefined) headers['Content-Length'] = body.length;
    return new Promise<SendOutcome>((resolve) => {
      let outgoing: http.ClientRequest;
      try {
        outgoing = http.request({
          host: this.target.hostname,
          port: this.target.port,
          method: request.method,
          path: request.url,
          headers,
          agent: this.agent,
        });
      } catch (error) {
        resolve({ kind: 'unsendable', error: String(error), durationMs: elapsed() });
        return;
      }
      const timer = setTimeout(() => {
        outgoing.destroy(new Error(`no complete response within ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      let settled = false;
      const settle = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const kind = error.code?.startsWith('ERR_') === true ? 'unsendable' : 'no-response';
        settle({
          kind,
          error: `${error.code ?? 'error'}: ${error.message}`,
          durationMs: elapsed(),
        });
      });
      outgoing.on('response', (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () =>
          settle({
            kind: 'response',
            response: {
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks),
              truncated,
            },
            durationMs: elapsed(),
          });
        const hangUp = () => {
          truncated = true;
          finish();
          incoming.destroy();
          outgoing.destroy();
        };
        if (String(incoming.headers['content-type']).startsWith('text/event-stream')) {
          setTimeout(hangUp, this.options.streamWindowMs);
        }
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.options.maxBodyBytes) hangUp();
          else chunks.push(chunk);
        });
        incoming.on('end', finish);
        incoming.on('error', (error) => {
          if (!settled) {
            settle({ kind: 'no-response', error: `body: ${error.message}`, durationMs: elapsed() });
          }
        });
      });
      try {
        outgoing.end(body);
      } catch (error) {
        outgoing.destroy();
        settle({ kind: 'unsendable', error: String(error), durationMs: elapsed() });
      }
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
