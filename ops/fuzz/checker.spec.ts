import { checkOutcome, type CheckResult } from './checker';
import type { SendOutcome } from './http-client';
import { listOperations, loadSpec, type Operation } from './openapi';
import { SchemaValidators } from './schema-validators';

const document = loadSpec();
const validators = new SchemaValidators(document);
const operations = new Map(listOperations(document).map((op) => [op.operationId, op]));

function operation(id: string): Operation {
  const found = operations.get(id);
  if (found === undefined) throw new Error(`no operation ${id} in the spec`);
  return found;
}

function answer(
  status: number,
  contentType: string | undefined,
  body: unknown,
  extra: { headers?: Record<string, string>; truncated?: boolean } = {},
): SendOutcome {
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  return {
    kind: 'response',
    durationMs: 1,
    response: {
      status,
      headers: { ...(contentType && { 'content-type': contentType }), ...extra.headers },
      body: Buffer.from(text),
      truncated: extra.truncated ?? false,
    },
  };
}

const PROBLEM = 'application/problem+json; charset=utf-8';
const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  type: 'https://tasktrackr.dev/problems/not-found',
  title: 'Not Found',
  status,
  requestId: 'req-1',
  ...extra,
});
const task = {
  id: '3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
  title: 'Prepare the Q4 report',
  description: '',
  status: 'todo',
  priority: 'medium',
  dueAt: null,
  assigneeId: null,
  labels: [],
  ownerId: '6a1f7a53-3f3c-4a2b-9c39-4f0c0e0f8d11',
  createdAt: '2026-11-23T18:00:00.123Z',
  updatedAt: '2026-11-23T18:00:00.123Z',
  completedAt: null,
  version: 1,
};

const kinds = (result: CheckResult) => result.failures.map((f) => f.kind);
const check = (
  id: string | undefined,
  outcome: SendOutcome,
  method = 'GET',
  sent: { mutations: string[]; principal: string } = {
    mutations: ['query limit'],
    principal: 'employee',
  },
) =>
  checkOutcome(
    id === undefined ? undefined : operation(id),
    { method, ...sent },
    outcome,
    validators,
  );

describe('checkOutcome', () => {
  it('passes a 2xx whose body matches its schema, and a proper problem', () => {
    expect(check('getTask', answer(200, 'application/json; charset=utf-8', task))).toEqual({
      failures: [],
      warnings: [],
    });
    expect(
      check(
        'getTask',
        answer(404, PROBLEM, problem(404), { headers: { 'x-request-id': 'req-1' } }),
      ),
    ).toEqual({ failures: [], warnings: [] });
  });

  it('flags a 500, even as a well-formed problem', () => {
    const result = check('listTasks', answer(500, PROBLEM, problem(500)));
    expect(kinds(result)).toEqual(['server-error']);
    expect(result.failures[0]?.status).toBe(500);
  });

  it('accepts a 5xx only where the operation declares it (readiness 503 with its checks)', () => {
    const notReady = problem(503, { checks: { redis: { status: 'down', message: 'timeout' } } });
    expect(kinds(check('getReadiness', answer(503, PROBLEM, notReady)))).toEqual([]);
    // Declared, but missing the `checks` its NotReadyProblem schema requires.
    expect(kinds(check('getReadiness', answer(503, PROBLEM, problem(503))))).toEqual(['schema']);
    expect(kinds(check('getReadiness', answer(502, PROBLEM, problem(502))))).toEqual([
      'server-error',
    ]);
  });

  it('flags a 4xx that is not problem+json', () => {
    expect(kinds(check('createTask', answer(400, 'application/json', problem(400))))).toEqual([
      'not-problem',
    ]);
    expect(kinds(check('createTask', answer(404, 'text/html', '<h1>Not found</h1>')))).toEqual([
      'not-problem',
    ]);
    expect(kinds(check(undefined, answer(405, undefined, '')))).toEqual(['not-problem']);
  });

  it('flags a problem body that is not JSON, lacks members, or names another status', () => {
    expect(kinds(check('getTask', answer(404, PROBLEM, '{"type":')))).toEqual(['bad-problem']);
    expect(kinds(check('getTask', answer(404, PROBLEM, { title: 'x', status: 404 })))).toEqual([
      'bad-problem',
    ]);
    expect(kinds(check('getTask', answer(404, PROBLEM, problem(400))))).toEqual(['bad-problem']);
    expect(
      kinds(
        check(
          'getTask',
          answer(404, PROBLEM, problem(404), { headers: { 'x-request-id': 'other' } }),
        ),
      ),
    ).toEqual(['bad-problem']);
  });

  it("checks a problem against the specific schema its status declares (bulk 404's missingIds)", () => {
    const missing = problem(404, { missingIds: ['3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c'] });
    expect(kinds(check('bulkUpdateTasks', answer(404, PROBLEM, missing), 'POST'))).toEqual([]);
    expect(kinds(check('bulkUpdateTasks', answer(404, PROBLEM, problem(404)), 'POST'))).toEqual([
      'schema',
    ]);
  });

  it('flags a 2xx that breaks its schema', () => {
    const result = check('getTask', answer(200, 'application/json', { ...task, status: 'lost' }));
    expect(kinds(result)).toEqual(['schema']);
    expect(result.failures[0]?.message).toContain('/status');
    expect(kinds(check('getTask', answer(200, 'application/json', 'not json')))).toEqual([
      'schema',
    ]);
    const withoutVersion: Record<string, unknown> = { ...task };
    delete withoutVersion.version;
    expect(kinds(check('getTask', answer(200, 'application/json', withoutVersion)))).toEqual([
      'schema',
    ]);
  });

  it('warns (does not fail) about members a 2xx schema does not list', () => {
    const result = check(
      'getTask',
      answer(200, 'application/json', { ...task, passwordHash: 'x' }),
    );
    expect(result.failures).toEqual([]);
    expect(result.warnings.map((w) => w.kind)).toEqual(['undeclared-member']);
    expect(result.warnings[0]?.message).toContain('"passwordHash"');
  });

  it('flags an undeclared 2xx status or media type, and a body where none belongs', () => {
    expect(kinds(check('getTask', answer(201, 'application/json', task)))).toEqual([
      'undeclared-success',
    ]);
    expect(kinds(check('getTask', answer(200, 'text/html', '<p>')))).toEqual(['content-type']);
    expect(kinds(check('deleteTask', answer(204, undefined, 'surprise'), 'DELETE'))).toEqual([
      'unexpected-body',
    ]);
    expect(kinds(check('deleteTask', answer(204, undefined, undefined), 'DELETE'))).toEqual([]);
  });

  it('judges streams by media type, and NDJSON line by line', () => {
    const sse = answer(200, 'text/event-stream', ': hello\n\n', { truncated: true });
    expect(kinds(check('streamTaskEvents', sse))).toEqual([]);
    const exportAs = (body: string) =>
      check('exportAuditEvents', answer(200, 'application/x-ndjson', body));
    expect(kinds(exportAs('{"seq":"1"}\n{"seq":"2"}\n'))).toEqual([]);
    expect(kinds(exportAs('{"seq":"1"}\n{"seq":\n'))).toEqual(['schema']);
  });

  it('fails a request that got no answer, or could not be sent', () => {
    const hung: SendOutcome = { kind: 'no-response', error: 'timeout', durationMs: 20_000 };
    expect(kinds(check('listTasks', hung))).toEqual(['no-response']);
    const unsendable: SendOutcome = {
      kind: 'unsendable',
      error: 'ERR_INVALID_CHAR',
      durationMs: 0,
    };
    expect(kinds(check('listTasks', unsendable))).toEqual(['unsendable']);
  });

  it("only warns when a HEAD's 431 came with a body (Node's parser answers before routing)", () => {
    const error = 'HPE_CLOSED_CONNECTION: Parse Error: Data after `Connection: close`';
    const outcome: SendOutcome = { kind: 'no-response', error, durationMs: 1 };
    const head = check(undefined, outcome, 'HEAD');
    expect(head.failures).toEqual([]);
    expect(head.warnings.map((w) => w.kind)).toEqual(['head-response-body']);
    expect(kinds(check('getMe', outcome, 'GET'))).toEqual(['no-response']);
  });

  it('notes a valid request refused as invalid (stricter than the spec), as a warning', () => {
    const refused = problem(400, {
      type: 'https://tasktrackr.dev/problems/validation-error',
      errors: [{ path: 'scopes', message: "All scopes's elements must be unique" }],
    });
    const valid = { mutations: [], principal: 'employee' };
    const result = check('createApiToken', answer(400, PROBLEM, refused), 'POST', valid);
    expect(result.failures).toEqual([]);
    expect(result.warnings).toEqual([
      {
        kind: 'valid-request-refused',
        status: 400,
        message: "scopes: All scopes's elements must be unique",
      },
    ]);
    // A hostile request, or an anonymous one, is expected to be refused.
    expect(check('createApiToken', answer(400, PROBLEM, refused), 'POST').warnings).toEqual([]);
    const anonymous = { mutations: [], principal: 'anonymous' };
    expect(
      check('createApiToken', answer(400, PROBLEM, refused), 'POST', anonymous).warnings,
    ).toEqual([]);
  });

  it('notes an error status the operation does not declare, as a warning', () => {
    const result = check('getLiveness', answer(431, PROBLEM, problem(431)));
    expect(result.failures).toEqual([]);
    expect(result.warnings).toEqual([
      { kind: 'undeclared-status', status: 431, message: 'getLiveness does not declare 431' },
    ]);
  });
});
