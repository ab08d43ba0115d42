import type { SendOutcome } from './http-client';
import type { Operation, SchemaObject } from './openapi';
import type { FuzzRequest } from './request-model';
import type { SchemaValidators } from './schema-validators';

export type FailureKind =
  /** A 5xx the operation does not declare. */
  | 'server-error'
  /** An error status without an `application/problem+json` body. */
  | 'not-problem'
  /** A problem body that is not RFC 9457 as the spec defines it (type, title, status…). */
  | 'bad-problem'
  /** A body that breaks the schema the spec declares for its status and media type. */
  | 'schema'
  /** A 2xx in a media type the operation does not declare. */
  | 'content-type'
  /** A 2xx status the operation does not declare (its body cannot be checked). */
  | 'undeclared-success'
  /** A body where the spec (or HTTP, for 204/304/HEAD) says there is none. */
  | 'unexpected-body'
  | 'no-response'
  /** The fuzzer built a request Node cannot send: a bug of the fuzzer. */
  | 'unsendable';

export type WarningKind =
  | 'undeclared-status'
  | 'redirect'
  /**
   * A 2xx body member its schema does not list. OpenAPI objects are open unless they say
   * otherwise, so it is not a failure, but our DTOs are whitelisted: it is drift, or a leak.
   */
  | 'undeclared-member'
  /**
   * A HEAD answered with a body: Node's HTTP parser refuses over-long headers (431) before
   * the app knows the method, and the problem it writes then has a body. The connection is
   * closed right after, so only that one (already failed) request is affected.
   */
  | 'head-response-body'
  /**
   * A request built only from the spec's valid values, sent by a signed-in principal, refused
   * as invalid (400): the server is stricter than its contract says (or the rule is one a
   * schema cannot express, like "dueAfter before dueBefore").
   */
  | 'valid-request-refused';

export interface Finding<Kind extends string = FailureKind | WarningKind> {
  kind: Kind;
  /** HTTP status, null when there was no response. */
  status: number | null;
  message: string;
}

export interface CheckResult {
  failures: Array<Finding<FailureKind>>;
  warnings: Array<Finding<WarningKind>>;
}

const PROBLEM_MEDIA_TYPE = 'application/problem+json';
/** Fixture principals that hold working credentials (not anonymous, forged or revoked). */
const SIGNED_IN = /^(employee|admin|auditor)(-token)?$|^read-only-token$/;
const PROBLEM_SCHEMA: SchemaObject = { $ref: '#/components/schemas/Problem' };

export function mediaTypeOf(contentType: string | string[] | undefined): string {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function preview(body: Buffer): string {
  const text = body.toString('utf8');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** A validation problem's field errors, or its detail. */
function reasons(body: Buffer): string {
  const parsed = parseJson(body);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return preview(body);
  const problem = parsed.value as {
    detail?: unknown;
    errors?: Array<{ path?: unknown; message?: unknown }>;
  };
  const errors = Array.isArray(problem.errors)
    ? problem.errors.map((e) => `${String(e.path)}: ${String(e.message)}`).join('; ')
    : '';
  return errors || (typeof problem.detail === 'string' ? problem.detail : preview(body));
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/**
 * Judges one response against the issue's rules: never a 5xx (unless the operation declares
 * it, like readiness' 503); every error an RFC 9457 problem whose `status` is the HTTP status
 * (and which matches the specific problem schema the spec declares for it, if any); every 2xx
 * declared, in a declared media type, its body valid against the declared schema.
 */
export function checkOutcome(
  operation: Operation | undefined,
  request: Pick<FuzzRequest, 'method' | 'mutations' | 'principal'>,
  outcome: SendOutcome,
  validators: SchemaValidators,
): CheckResult {
  const { method } = request;
  const result: CheckResult = { failures: [], warnings: [] };
  if (outcome.kind !== 'response') {
    if (method === 'HEAD' && outcome.error.startsWith('HPE_CLOSED_CONNECTION')) {
      result.warnings.push({ kind: 'head-response-body', status: null, message: outcome.error });
    } else result.failures.push({ kind: outcome.kind, status: null, message: outcome.error });
    return result;
  }
  const { response } = outcome;
  const { status } = response;
  const fail = (kind: FailureKind, message: string) =>
    result.failures.push({ kind, status, message });
  const declared = operation?.responses[String(status)];
  const bodyless = method === 'HEAD';

  if (status >= 400) {
    if (status >= 500 && declared === undefined) {
      fail('server-error', `${status}: ${preview(response.body)}`);
    } else if (operation !== undefined && declared === undefined) {
      result.warnings.push({
        kind: 'undeclared-status',
        status,
        message: `${operation.operationId} does not declare ${status}`,
      });
    }
    checkProblem(response, bodyless, declared?.content[PROBLEM_MEDIA_TYPE], validators, fail);
    if (status === 400 && request.mutations.length === 0 && SIGNED_IN.test(request.principal)) {
      result.warnings.push({
        kind: 'valid-request-refused',
        status,
        message: reasons(response.body),
      });
    }
    return result;
  }
  if (status === 304 || status === 204 || bodyless) {
    if (response.body.length > 0)
      fail('unexpected-body', `${status} with a body: ${preview(response.body)}`);
    if (status !== 304 && operation !== undefined && declared === undefined && !bodyless) {
      fail('undeclared-success', `${operation.operationId} does not declare ${status}`);
    }
    return result;
  }
  if (status >= 300) {
    result.warnings.push({ kind: 'redirect', status, message: String(response.headers.location) });
    return result;
  }
  if (status < 200) {
    fail('undeclared-success', `informational status ${status} as a final answer`);
    return result;
  }
  // 2xx. Off-spec requests (unknown method or path) have no contract to hold a 2xx to.
  if (operation === undefined) return result;
  if (declared === undefined) {
    fail('undeclared-success', `${operation.operationId} does not declare ${status}`);
    return result;
  }
  checkSuccessBody(response, declared.content, validators, fail, (message) =>
    result.warnings.push({ kind: 'undeclared-member', status, message }),
  );
  return result;
}

function checkProblem(
  response: {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  },
  bodyless: boolean,
  declaredSchema: SchemaObject | undefined,
  validators: SchemaValidators,
  fail: (kind: FailureKind, message: string) => void,
): void {
  const mediaType = mediaTypeOf(response.headers['content-type']);
  if (mediaType !== PROBLEM_MEDIA_TYPE) {
    fail(
      'not-problem',
      `${response.status} answered as ${mediaType || 'no content type'}: ${preview(response.body)}`,
    );
    return;
  }
  if (bodyless) return;
  const parsed = parseJson(response.body);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    fail('bad-problem', `not a JSON object: ${preview(response.body)}`);
    return;
  }
  const problem = parsed.value as Record<string, unknown>;
  const errors = validators.errors(PROBLEM_SCHEMA, problem, 'open');
  if (errors.length > 0) fail('bad-problem', `${errors.join('; ')}: ${preview(response.body)}`);
  if (problem.status !== response.status) {
    fail(
      'bad-problem',
      `status member ${JSON.stringify(problem.status)} ≠ HTTP ${response.status}`,
    );
  }
  const requestId = response.headers['x-request-id'];
  if (
    problem.requestId !== undefined &&
    requestId !== undefined &&
    problem.requestId !== requestId
  ) {
    fail(
      'bad-problem',
      `requestId ${JSON.stringify(problem.requestId)} ≠ X-Request-Id ${String(requestId)}`,
    );
  }
  // A specific problem (412's currentETag, bulk 404's missingIds) has its own schema too.
  if (declaredSchema !== undefined && declaredSchema.$ref !== PROBLEM_SCHEMA.$ref) {
    const specific = validators.errors(declaredSchema, problem, 'open');
    if (specific.length > 0) fail('schema', `${specific.join('; ')}: ${preview(response.body)}`);
  }
}

function checkSuccessBody(
  response: {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
    truncated: boolean;
  },
  content: Record<string, SchemaObject | undefined>,
  validators: SchemaValidators,
  fail: (kind: FailureKind, message: string) => void,
  warn: (message: string) => void,
): void {
  const mediaTypes = Object.keys(content);
  if (mediaTypes.length === 0) {
    if (response.body.length > 0) {
      fail('unexpected-body', `${response.status} declares no body: ${preview(response.body)}`);
    }
    return;
  }
  const mediaType = mediaTypeOf(response.headers['content-type']);
  if (!mediaTypes.includes(mediaType)) {
    fail('content-type', `${mediaType || 'no content type'}, not ${mediaTypes.join(' or ')}`);
    return;
  }
  // A stream is watched for a moment, and a body over the size cap is cut: neither can be parsed.
  if (response.truncated) return;
  const schema = content[mediaType];
  if (isJsonMediaType(mediaType)) {
    const parsed = parseJson(response.body);
    if (!parsed.ok) {
      fail('schema', `not JSON: ${preview(response.body)}`);
      return;
    }
    if (schema !== undefined) {
      const errors = validators.errors(schema, parsed.value, 'open');
      if (errors.length > 0) fail('schema', `${errors.join('; ')}: ${preview(response.body)}`);
      else {
        const extra = validators.errors(schema, parsed.value, 'closed');
        if (extra.length > 0) warn(`${[...new Set(extra)].join('; ')}: ${preview(response.body)}`);
      }
    }
    return;
  }
  if (mediaType === 'application/x-ndjson') {
    const lines = response.body.toString('utf8').split('\n');
    const bad = lines.findIndex((line) => line.trim() !== '' && !parseJson(Buffer.from(line)).ok);
    if (bad >= 0)
      fail('schema', `line ${bad + 1} is not JSON: ${(lines[bad] ?? '').slice(0, 200)}`);
  }
}
