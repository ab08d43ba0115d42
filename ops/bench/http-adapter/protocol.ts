/** Shared between the benchmark driver and its server child processes. */

export const SERVER_KINDS = ['raw', 'express', 'fastify'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export const ROUTES = ['/json', '/db'] as const;
export type Route = (typeof ROUTES)[number];

/** The only interface the servers bind to and the load generator targets. */
export const LOOPBACK = '127.0.0.1';

/** Mimics a small DB-bound list endpoint: one round trip, 25 rows, some text to serialise. */
export const DB_SQL = 'SELECT id, md5(id::text) AS hash FROM generate_series(1, 25) id';
export const DB_ROWS = 25;

/** Same pool size in every server so only the HTTP layer differs (pg's default). */
export const PG_POOL_MAX = 10;

export const JSON_PAYLOAD = { status: 'ok', service: 'tasktrackr', version: 1 } as const;

export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; user: number; system: number }
  | { type: 'fatal'; message: string };

export type ParentMessage = { type: 'cpu' };

export function isServerKind(value: unknown): value is ServerKind {
  return typeof value === 'string' && (SERVER_KINDS as readonly string[]).includes(value);
}

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && 'type' in value;
}
