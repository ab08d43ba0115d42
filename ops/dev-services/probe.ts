import { Socket } from 'node:net';

/** Where a service may answer. */
export interface Endpoint {
  host: string;
  port: number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 500;

/** `host:port`, with an IPv6 host in brackets as URLs want it. */
export function formatEndpoint(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${host}:${endpoint.port}`;
}

/**
 * Connects, writes `request`, and resolves with what came back once `isComplete` says the reply
 * is whole. Resolves `undefined` on refusal, timeout or early close: "nothing usable there".
 */
function exchange(
  endpoint: Endpoint,
  request: Buffer,
  isComplete: (reply: Buffer) => boolean,
  timeoutMs: number,
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = Buffer.alloc(0);
    let settled = false;
    const finish = (result: Buffer | undefined) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.once('error', () => finish(undefined));
    socket.once('close', () => finish(reply.length > 0 ? reply : undefined));
    socket.on('data', (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      if (isComplete(reply)) finish(reply);
    });
    socket.connect(endpoint.port, endpoint.host, () => socket.write(request));
  });
}

/** True when anything accepts a TCP connection there. */
export function isPortOpen(
  endpoint: Endpoint,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(endpoint.port, endpoint.host, () => finish(true));
  });
}

// An SSLRequest packet: length 8, code 80877103. Every Postgres answers it with a single
// 'S' or 'N' byte before any authentication, so it identifies a server without credentials.
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** True when a PostgreSQL server answers there. */
export async function probePostgres(
  endpoint: Endpoint,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<boolean> {
  const reply = await exchange(endpoint, SSL_REQUEST, (r) => r.length >= 1, timeoutMs);
  return reply !== undefined && (reply[0] === 0x53 || reply[0] === 0x4e);
}

/**
 * What a Redis there says to PING: `pong` (usable without credentials), `error` (a Redis that
 * refuses, e.g. wants a password), or `none` (nothing there, or not Redis).
 */
export type RedisProbeResult = 'pong' | 'error' | 'none';

export async function probeRedis(
  endpoint: Endpoint,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<RedisProbeResult> {
  const reply = await exchange(
    endpoint,
    Buffer.from('PING\r\n'),
    (r) => r.includes('\r\n'),
    timeoutMs,
  );
  const text = reply?.toString('latin1') ?? '';
  if (text.startsWith('+PONG')) return 'pong';
  if (text.startsWith('-')) return 'error';
  return 'none';
}
