import type { Schema } from '@tasktrackr/sdk';

/** RFC 9457 problem details as the API sends them. */
export type Problem = Schema<'Problem'>;

/** Thrown by `unwrap` so components can show the server's own words. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
  }

  get status(): number {
    return this.problem.status;
  }
}

const OFFLINE_PROBLEM: Problem = {
  type: 'about:blank#offline',
  title: 'You are offline',
  status: 503,
  detail: 'The server could not be reached. Check your connection and try again.',
};

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['title'] === 'string' && typeof candidate['status'] === 'number';
}

/**
 * Any failure as a Problem: a problem body from the API, a network failure (offline), or an
 * unexpected error. The UI never shows a stack trace or a raw status code alone.
 */
export function toProblem(error: unknown, response?: Response): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (isProblem(error)) return error;
  if (error instanceof TypeError) return OFFLINE_PROBLEM; // fetch rejects with TypeError offline
  const status = response?.status ?? 500;
  return {
    type: 'about:blank',
    title: response?.statusText || 'Something went wrong',
    status,
    detail: error instanceof Error ? error.message : 'An unexpected error occurred.',
  };
}

/** The text to show a person: the problem's detail, else its title. */
export function problemMessage(problem: Problem): string {
  return problem.detail ?? problem.title;
}

/** Field-level validation messages keyed by field path (`title`, `labels.0`…). */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of problem?.errors ?? []) {
    const existing = result[entry.path];
    result[entry.path] = existing ? `${existing} ${entry.message}` : entry.message;
  }
  return result;
}

interface SdkResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The response body of a successful SDK call, or a ProblemError. */
export function unwrap<T>(result: SdkResult<T>): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ProblemError(toProblem(result.error, result.response));
  }
  return result.data as T;
}
