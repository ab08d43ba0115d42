/**
 * Postgres errors by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html),
 * for code that turns a known database refusal into a client error instead of a 500.
 */
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** A value that does not parse as its type, e.g. `'x'::uuid` or an unknown enum label. */
export const INVALID_TEXT_REPRESENTATION = '22P02';
/** A string that does not parse as a date or timestamp. */
export const INVALID_DATETIME_FORMAT = '22007';

/** Five characters, digits and upper-case letters: the shape of every SQLSTATE. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Whether `error` is a Postgres error (with this SQLSTATE, when `code` is given). Accepts both
 * the `pg` driver's error and TypeORM's QueryFailedError, which keeps it as `driverError`.
 */
export function isPgError(error: unknown, code?: string): boolean {
  const codes = sqlStatesOf(error);
  return code === undefined ? codes.length > 0 : codes.includes(code);
}

function sqlStatesOf(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  const inner =
    typeof driverError === 'object' && driverError !== null
      ? (driverError as { code?: unknown }).code
      : undefined;
  return [code, inner].filter(
    (candidate): candidate is string => typeof candidate === 'string' && SQLSTATE.test(candidate),
  );
}
