import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../problem/problem.exception';

/** Version of the cursor layout; bump it to invalidate every cursor in circulation. */
const CURSOR_VERSION = 1;

/**
 * The longest `cursor` a list accepts (one bound for every list). Cursors `encodeCursor` issues
 * are about 150 characters (a task's timestamp with offset, then its uuid); anything
 * `decodeCursor` could accept (two keys of at most 100 characters) stays under 330. Longer input
 * is refused by validation before any decoding.
 */
export const CURSOR_MAX_LENGTH = 500;

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

/** Checks one keyset value's text form before it is cast in SQL. */
export type CursorKey = (part: string) => boolean;

const TIMESTAMP_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2}){0,2})$/;

/**
 * The kinds of keyset values cursors carry, checked by type so an edited cursor (an impossible
 * date, a word where a number belongs) is an `invalid-cursor` problem, never a failed cast.
 */
export const CURSOR_KEYS = {
  /** A timestamp with offset, as `toISOString()` or Postgres' `timestamptz::text` writes it. */
  timestamp: (part: string): boolean => {
    const match = TIMESTAMP_TEXT.exec(part);
    if (!match) return false;
    const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
    const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
    return (
      (year ?? 0) >= 1 &&
      date.getUTCMonth() === (month ?? 0) - 1 &&
      date.getUTCDate() === day &&
      (hour ?? 24) < 24 &&
      (minute ?? 60) < 60 &&
      (second ?? 60) < 60
    );
  },
  uuid: (part: string): boolean =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part),
  /** A non-negative bigint (Postgres' range). */
  bigint: (part: string): boolean =>
    /^\d{1,19}$/.test(part) && BigInt(part) <= 9223372036854775807n,
  oneOf:
    (values: readonly string[]): CursorKey =>
    (part: string): boolean =>
      values.includes(part),
  either:
    (...keys: CursorKey[]): CursorKey =>
    (part: string): boolean =>
      keys.some((key) => key(part)),
} as const;

/**
 * Decodes a cursor issued by `encodeCursor` for the same query; anything else is a 400
 * `invalid-cursor` problem. Returns the keyset values, one per entry of `keys`, each of which
 * has passed its check.
 */
export function decodeCursor(
  cursor: string,
  fingerprint: string,
  keys: readonly CursorKey[],
): string[] {
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
    k.length !== keys.length ||
    !k.every(
      (part, index) =>
        typeof part === 'string' && part.length <= 100 && keys[index]?.(part) === true,
    )
  ) {
    throw invalidCursor('cursor is not a cursor this API issued');
  }
  if (f !== fingerprint) {
    throw invalidCursor('cursor belongs to another sort or filter; start again without a cursor');
  }
  return k;
}
