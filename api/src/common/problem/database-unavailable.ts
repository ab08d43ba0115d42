import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * SQLSTATEs of a PostgreSQL server that is shutting down, starting up, full or unreachable
 * (class 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now).
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Socket errors node-postgres passes through when it cannot reach the server. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** node-postgres' and pg-pool's own errors for a lost or impossible connection (no code). */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Query read timeout)/;

function looksUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))
  ) {
    return true;
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/**
 * Whether `error` says the database could not be reached or went away (a restart, a failover),
 * rather than that the request was wrong: such a request is answered 503 (retry later), not 500.
 * Looks through TypeORM's QueryFailedError (`driverError`) and `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a transaction's connection the moment node-postgres reports it lost (the
  // server went away between two queries) and swallows that error: the transaction's next
  // query fails with one of these instead. (Using a finished transaction fails alike; such a
  // bug fails on every retry and is logged with its stack, as every 5xx is.)
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return true;
  }
  if (looksUnavailable(error)) return true;
  const wrapped = error as { driverError?: unknown; cause?: unknown } | null | undefined;
  return looksUnavailable(wrapped?.driverError) || looksUnavailable(wrapped?.cause);
}
