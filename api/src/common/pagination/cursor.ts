import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../problem/problem.exception';

/** Version of the cursor layout; bump it to invalidate every cursor in circulation. */
const CURSOR_VERSION = 1;

interface CursorPayload {
  v: number;
  /** Fingerprint of the sort and filters the cursor belongs to. */
  f: string;
  /** The last row's keyset values (sort key, then tie-breaker). */
  k: string[];
}

/**
 * A short, stable fingerprint of the query a cursor was issued for (sort + filters, not the
 * limit), so a cursor replayed against another query is refused instead of skipping rows.
 */
export function queryFingerprint(query: Record<string, unknown>): string {
  const canonical = Object.keys(query)
    .filter((name) => query[name] !== undefined)
    .sort()
    .map((name) => [name, query[name]]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 16);
}

/**
 * Encodes a keyset position as an opaque token. Clients must treat it as opaque; it is not
 * signed because it grants nothing: visibility is enforced by the query it is fed back into.
 */
export function encodeCursor(fingerprint: string, key: string[]): string {
  const payload: CursorPayload = { v: CURSOR_VERSION, f: fingerprint, k: key };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function invalidCursor(detail: string): ProblemException {
  return new ProblemException({
    status: HttpStatus.BAD_REQUEST,
    slug: 'invalid-cursor',
    title: 'Invalid cursor',
    detail,
    errors: [{ path: 'cursor', message: detail }],
  });
}

/**
 * Decodes a cursor issued by `encodeCursor` for the same query; anything else is a 400
 * `invalid-cursor` problem. Returns the keyset values (always `keyLength` strings).
 */
export function decodeCursor(cursor: string, fingerprint: string, keyLength: number): string[] {
  let payload: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('cursor is not a cursor this API issued');
  }
  const { v, f, k } = (payload ?? {}) as Partial<CursorPayload>;
  if (
    v !== CURSOR_VERSION ||
    typeof f !== 'string' ||
    !Array.isArray(k) ||
    k.length !== keyLength ||
    !k.every((part) => typeof part === 'string' && part.length <= 100)
  ) {
    throw invalidCursor('cursor is not a cursor this API issued');
  }
  if (f !== fingerprint) {
    throw invalidCursor('cursor belongs to another sort or filter; start again without a cursor');
  }
  return k;
}
