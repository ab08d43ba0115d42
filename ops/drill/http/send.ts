import { type Agent, type IncomingHttpHeaders, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed when the body is JSON (problem+json included), else the text. */
  body: unknown;
}

/** What became of one HTTP request: an answer, a broken connection, or no answer in time. */
export type SendOutcome =
  | { kind: 'answer'; answer: HttpAnswer }
  | { kind: 'connection'; code: string }
  | { kind: 'timeout' };

export interface SendRequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** For the whole exchange: connect, send, and the last byte of the answer. */
  timeoutMs: number;
  agent: Agent;
}

class TimedOut extends Error {}

/** One request, never rejecting and never outliving `timeoutMs`. */
export function send(req: SendRequest): Promise<SendOutcome> {
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const outgoing = request(
      req.url,
      {
        method: req.method,
        agent: req.agent,
        headers: {
          ...req.headers,
          ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', (error: NodeJS.ErrnoException) =>
          settle({ kind: 'connection', code: error.code ?? 'ECONNRESET' }),
        );
        res.once('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          settle({
            kind: 'answer',
            answer: { status: res.statusCode ?? 0, headers: res.headers, body: parseBody(text) },
          });
        });
      },
    );
    const timer = setTimeout(() => outgoing.destroy(new TimedOut()), req.timeoutMs);
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof TimedOut) settle({ kind: 'timeout' });
      else settle({ kind: 'connection', code: error.code ?? error.message });
    });
    outgoing.end(payload);
  });
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
