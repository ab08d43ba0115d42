/**
 * What the benchmark checks in each response besides its latency: the hashing bound's 503 must
 * be a `service-unavailable` problem carrying `Retry-After`, and no other 5xx may appear.
 */
export interface ResponseChecks {
  /** 503 problems of type `…/service-unavailable` (the bound refusing a sign-in). */
  busy: number;
  /** Of those, how many lacked a numeric `Retry-After` header. */
  busyWithoutRetryAfter: number;
  /** Any other 5xx, including a 503 that is not the bound's (e.g. rate limiter unavailable). */
  otherServerErrors: number;
  /** The first offending response (status and the start of its body), to show in the report. */
  firstProblem?: string;
}

export function emptyChecks(): ResponseChecks {
  return { busy: 0, busyWithoutRetryAfter: 0, otherServerErrors: 0 };
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value: unknown = Array.isArray(entry?.[1]) ? (entry[1] as unknown[])[0] : entry?.[1];
  return typeof value === 'string' ? value : undefined;
}

function problemType(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'type' in parsed) {
      return typeof parsed.type === 'string' ? parsed.type : undefined;
    }
  } catch {
    // Not JSON: not the bound's problem document.
  }
  return undefined;
}

/** Records one response in `checks` (mutates it: called for every response of a flood). */
export function checkResponse(
  checks: ResponseChecks,
  status: number,
  headers: Record<string, unknown>,
  body: string,
): void {
  if (status < 500) return;
  const isBusy = status === 503 && /\/service-unavailable$/.test(problemType(body) ?? '');
  if (isBusy) {
    checks.busy += 1;
    if (!/^\d+$/.test(header(headers, 'retry-after') ?? '')) {
      checks.busyWithoutRetryAfter += 1;
      checks.firstProblem ??= `503 without Retry-After: ${body.slice(0, 200)}`;
    }
    return;
  }
  checks.otherServerErrors += 1;
  checks.firstProblem ??= `${status}: ${body.slice(0, 400)}`;
}

/** The failed checks, in words (empty when every 5xx was the bound's 503 with Retry-After). */
export function problemsIn(checks: ResponseChecks): string[] {
  const problems: string[] = [];
  if (checks.otherServerErrors > 0) {
    problems.push(`${checks.otherServerErrors} 5xx other than the hashing bound's 503`);
  }
  if (checks.busyWithoutRetryAfter > 0) {
    problems.push(`${checks.busyWithoutRetryAfter} of ${checks.busy} 503s without Retry-After`);
  }
  return problems;
}
