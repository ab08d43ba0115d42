import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Witness } from './witness';

/** A checkpoint with 63 proof lines and many signatures stays far below this. */
const MAX_BODY_BYTES = 64 * 1024;

export interface WitnessServerLog {
  info(message: string): void;
  error(message: string): void;
}

/**
 * The witness over HTTP: `POST /add-checkpoint` (c2sp.org/tlog-witness) and `GET /healthz`.
 * A refusal is logged with the request body: it may be evidence of a misbehaving log.
 */
export function createWitnessServer(witness: Witness, log: WitnessServerLog): Server {
  return createServer((req, res) => {
    void route(witness, log, req, res).catch((error: unknown) => {
      log.error(`witness error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    });
  });
}

async function route(
  witness: Witness,
  log: WitnessServerLog,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '').split('?', 1)[0];
  if (path === '/healthz' && req.method === 'GET') {
    send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    return;
  }
  if (path !== '/add-checkpoint') {
    send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    send(res, 413, 'text/plain; charset=utf-8', 'request body too large\n');
    return;
  }
  const answer = await witness.addCheckpoint(body);
  if (answer.refusal !== undefined) {
    log.error(
      `witness refused (${answer.status}): ${answer.refusal}\n--- request ---\n${body}--- end ---`,
    );
  } else {
    log.info(
      `witness co-signed: ${body
        .slice(body.indexOf('\n\n') + 2)
        .split('\n', 3)
        .join(' ')}`,
    );
  }
  send(res, answer.status, answer.contentType, answer.body);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}
