import type { ProblemDetails } from '../../../src/common/problem/problem-details';

/**
 * Raw HTTP for the OWASP specs: they send what the typed SDK cannot express (operations chosen
 * at run time from the spec, extra or hostile fields, forged tokens), and read every answer the
 * same way, problem or not.
 */

/** Written out, not imported: the specs check the published contract, not the code's constant. */
export const PROBLEM_TYPE_BASE = 'https://tasktrackr.dev/problems/';

/** The problem shape the API promises (the app's own type, not a copy of it). */
export type Problem = ProblemDetails;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

export interface SendOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Serialised as JSON (with `Content-Type: application/json`). */
  body?: unknown;
  /** Sent as is (with `Content-Type: application/json` unless `headers` says otherwise). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  Object.assign(headers, options.headers);
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  // An event stream never ends: its status and headers are the answer.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, text: '', json: undefined };
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The answer as a problem, after checking it is one (RFC 9457, with our request id). */
export function expectProblem(answer: Answer, status: number): Problem {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = answer.json as Problem;
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//) as string });
  expect(problem.requestId).toBe(answer.headers.get('x-request-id'));
  return problem;
}

/** A problem with the volatile members removed, to compare two answers for equality. */
export function stableProblem(answer: Answer): Record<string, unknown> {
  const problem: Partial<Problem> = { ...(answer.json as Problem) };
  delete problem.requestId;
  delete problem.instance;
  return problem;
}

/** The refresh cookie's value, when the answer set one. */
export function refreshCookieOf(answer: Answer): string | undefined {
  for (const header of answer.headers.getSetCookie()) {
    const match = /^tt_refresh=([^;]+)/.exec(header);
    if (match) return decodeURIComponent(match[1] ?? '');
  }
  return undefined;
}
