import type { SendOutcome } from './send';

/**
 * What the drill makes of one attempt:
 * - `ok`: a 2xx;
 * - `refused`: no connection at all (the request never reached a server): the router's signal
 *   that an instance is gone, like a load balancer's failed connect, retried elsewhere;
 * - `connection`: the connection broke with the request sent (reset, hang-up);
 * - `http`: an error status;
 * - `timeout`: no complete answer within the request timeout: a hang.
 */
export type AttemptCategory = 'ok' | 'refused' | 'connection' | 'timeout' | 'http';

export interface Classified {
  category: AttemptCategory;
  /** A short stable label for tables: `503 service-unavailable`, `connection ECONNRESET`. */
  kind: string;
  status?: number;
  /** Whether an error status came as application/problem+json. */
  problemJson: boolean;
  /** Whether a well-behaved client retries it (with the same Idempotency-Key). */
  retryable: boolean;
  /** Seconds the server asked to wait (Retry-After), if any. */
  retryAfterSeconds?: number;
}

const PROBLEM_TYPE_PREFIX = /^.*\/problems\//;
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

export function classify(outcome: SendOutcome): Classified {
  if (outcome.kind === 'timeout') {
    return { category: 'timeout', kind: 'timeout (hang)', problemJson: false, retryable: true };
  }
  if (outcome.kind === 'connection') {
    const refused = outcome.code === 'ECONNREFUSED';
    return {
      category: refused ? 'refused' : 'connection',
      kind: refused ? 'connection refused' : `connection ${outcome.code}`,
      problemJson: false,
      retryable: true,
    };
  }
  const { status, headers, body } = outcome.answer;
  if (status >= 200 && status < 300) {
    return { category: 'ok', kind: String(status), status, problemJson: false, retryable: false };
  }
  const problemJson = String(headers['content-type'] ?? '').startsWith('application/problem+json');
  const type = problemJson ? problemTypeOf(body) : undefined;
  const slug = type?.replace(PROBLEM_TYPE_PREFIX, '');
  const retryAfter = Number(headers['retry-after']);
  return {
    category: 'http',
    kind: problemJson ? `${status} ${slug ?? '(no type)'}` : `${status} (not problem+json)`,
    status,
    problemJson,
    retryable: RETRYABLE_STATUSES.has(status) || (status === 409 && slug === 'idempotency-retry'),
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 && { retryAfterSeconds: retryAfter }),
  };
}

function problemTypeOf(body: unknown): string | undefined {
  const type = (body as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}
