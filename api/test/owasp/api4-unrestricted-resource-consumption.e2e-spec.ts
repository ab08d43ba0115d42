import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { MAX_JSON_DEPTH } from '../../src/common/input/hostile-input';
import { TASK_LIMITS } from '../../src/tasks/task.constants';
import { createUser, TestUser } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { FAST_HASHING } from './support/fixtures';
import { Answer, expectProblem, PROBLEM_TYPE_BASE, send } from './support/http';
import { limitCases, nestedJson, withValueAt } from './support/limits';
import {
  describeOperation,
  exampleBody,
  fillPath,
  requiredQuery,
  resolveSchema,
  SpecOperation,
  specOperations,
} from './support/spec-operations';

/**
 * OWASP API4:2023 Unrestricted Resource Consumption: every limit the contract declares (page
 * sizes, string lengths, array sizes) is enforced, on every operation that declares it; bodies
 * are bounded in size and depth before they are parsed; sign-in is throttled; and password
 * hashing, the most expensive thing an anonymous caller can trigger, is bounded in concurrency
 * with a 503 + Retry-After past its queue (never a 500, never an unbounded queue).
 */
const operations = specOperations();
const withBody = operations.filter((op) => op.body !== undefined);
const pageSized = operations.flatMap((op) =>
  op.parameters
    .filter((p) => p.in === 'query' && p.name === 'limit')
    .map((p) => [describeOperation(op), resolveSchema(p.schema ?? {}).maximum ?? NaN, op] as const),
);
const documents413 = withBody.filter((op) => op.statuses.includes('413'));
const validationType = `${PROBLEM_TYPE_BASE}validation-error`;

/** Each app counts under its own Redis prefix, so no other spec shares its rate limits. */
const isolated = (overrides: Record<string, string>) => ({
  QUEUE_PREFIX: `tt_owasp4_${randomUUID().slice(0, 8)}`,
  ...overrides,
});

describe('OWASP API4: unrestricted resource consumption (e2e)', () => {
  describe('limits declared in the spec, on every operation', () => {
    let app: TestApp;
    let admin: TestUser;
    let auditor: TestUser;
    let taskId: string;
    let webhookId: string;

    beforeAll(async () => {
      app = await startTestApp({ configOverrides: FAST_HASHING });
      admin = await createUser(app, { roles: ['admin'] });
      auditor = await createUser(app, { roles: ['auditor'] });
      const created = await send(app.baseUrl, 'POST', '/api/v1/tasks', {
        token: admin.accessToken,
        body: { title: 'admin’s task' },
      });
      taskId = (created.json as { id: string }).id;
      // A webhook subscription of the admin's, straight into its table (its URL is no concern).
      const [subscription] = await app.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO webhook_subscriptions (owner_id, url, event_types, secret, cursor_seq)
         VALUES ($1, 'https://192.0.2.1/hook', '{task.created}', 'whsec_c2VjcmV0c2VjcmV0', 0)
         RETURNING id`,
        [admin.userId],
      );
      webhookId = subscription?.id ?? '';
    });
    afterAll(() => app.close());

    /**
     * Admins may call nearly every operation; those for auditors alone (audit streams) are
     * called by an auditor, the public ones anonymously.
     */
    const callerOf = (op: SpecOperation) => {
      if (op.isPublic) return undefined;
      return op.roles && !op.roles.includes('admin') && op.roles.includes('auditor')
        ? auditor.accessToken
        : admin.accessToken;
    };
    const pathOf = (op: SpecOperation, query = '') =>
      fillPath(op, { id: op.path.startsWith('/api/v1/webhooks/') ? webhookId : taskId }) +
      (query || requiredQuery(op));

    /** A 400 validation problem naming `path` among its errors. */
    const expectFieldRefused = (answer: Answer, path: string, what: string) => {
      expect({ what, status: answer.status }).toEqual({ what, status: 400 });
      const problem = expectProblem(answer, 400);
      expect(problem.type).toBe(validationType);
      expect({ what, paths: problem.errors?.map((e) => e.path) }).toEqual({
        what,
        paths: expect.arrayContaining([path]) as string[],
      });
    };

    it('finds the limits (the enumeration works)', () => {
      expect(pageSized.map(([, , op]) => op.operationId).sort()).toEqual(
        expect.arrayContaining(['getTaskHistory', 'listAuditEvents', 'listTasks', 'listUsers']),
      );
      expect(documents413.length).toBe(withBody.length);
      const bulk = withBody.find((op) => op.operationId === 'bulkUpdateTasks');
      expect(limitCases(bulk?.body?.schema ?? {})).toContainEqual(
        expect.objectContaining({ path: ['ids'], limit: 'maxItems', max: TASK_LIMITS.bulkMax }),
      );
    });

    it.each(pageSized)('%s: limit above its maximum (%d) is a 400', async (_name, max, op) => {
      expect(Number.isInteger(max)).toBe(true);
      const at = await send(app.baseUrl, 'GET', pathOf(op, `?limit=${max}`), {
        token: admin.accessToken,
      });
      expect({ op: op.operationId, status: at.status }).toEqual({
        op: op.operationId,
        status: 200,
      });
      for (const bad of [max + 1, 1_000_000_000, 0, -1, 'abc', '10.5']) {
        const answer = await send(app.baseUrl, 'GET', pathOf(op, `?limit=${bad}`), {
          token: admin.accessToken,
        });
        expectFieldRefused(answer, 'limit', `${op.operationId} limit=${bad}`);
      }
    });

    it.each(withBody.map((op) => [describeOperation(op), op] as const))(
      '%s: every maxLength and maxItems of its body is enforced',
      async (_name, op) => {
        const cases = limitCases(op.body?.schema ?? {});
        // The real current password, so a too-long new one is what gets refused.
        const base = exampleBody(op) as Record<string, unknown>;
        if (op.operationId === 'changeMyPassword') base.currentPassword = admin.password;
        for (const limit of cases) {
          const body = withValueAt(base, limit.path, limit.overLimit);
          const answer = await send(app.baseUrl, op.method, pathOf(op), {
            token: callerOf(op),
            body,
          });
          expectFieldRefused(
            answer,
            limit.path.join('.'),
            `${op.operationId} ${limit.path.join('.')} ${limit.limit} ${limit.max}`,
          );
        }
      },
    );

    it('lengths of query strings, headers and audit filters (some not declared in the spec)', async () => {
      const over = (n: number) => 'a'.repeat(n + 1);
      const cases: Array<[string, string]> = [
        [`/api/v1/tasks?label=${over(TASK_LIMITS.labelMax)}`, 'label'],
        [`/api/v1/tasks?q=${over(TASK_LIMITS.searchMax)}`, 'q'],
        [`/api/v1/tasks?cursor=${over(1024)}`, 'cursor'],
        [`/api/v1/tasks/${taskId}/history?cursor=${over(1024)}`, 'cursor'],
        [`/api/v1/users?email=${over(254)}`, 'email'],
        [`/api/v1/users?cursor=${over(500)}`, 'cursor'],
        // Not (yet) declared in the spec, but enforced: see the README of this folder.
        [`/api/v1/audit/events?actorId=${over(200)}`, 'actorId'],
        [`/api/v1/audit/events?action=${over(200)}`, 'action'],
        [`/api/v1/audit/events?targetType=${over(100)}`, 'targetType'],
        [`/api/v1/audit/events?targetId=${over(200)}`, 'targetId'],
        [`/api/v1/audit/events?cursor=${over(500)}`, 'cursor'],
        [`/api/v1/audit/events/export?format=csv&actorId=${over(200)}`, 'actorId'],
      ];
      for (const [path, field] of cases) {
        expectFieldRefused(
          await send(app.baseUrl, 'GET', path, { token: admin.accessToken }),
          field,
          path.slice(0, 60),
        );
      }
      for (const [field, max] of [
        ['actorId', 200],
        ['action', 200],
        ['targetType', 100],
        ['targetId', 200],
      ] as const) {
        const answer = await send(app.baseUrl, 'POST', '/api/v1/audit/exports', {
          token: admin.accessToken,
          body: { format: 'csv', filters: { [field]: over(max) } },
        });
        expectFieldRefused(answer, `filters.${field}`, `createAuditExport filters.${field}`);
      }
      const key = await send(app.baseUrl, 'POST', '/api/v1/tasks', {
        token: admin.accessToken,
        body: { title: 'keyed' },
        headers: { 'Idempotency-Key': 'k'.repeat(256) },
      });
      expect(key.status).toBe(400);
    });

    it('bulk: 500 ids are looked up (404: none exists), 501 are refused before any work', async () => {
      const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
      const atCap = await send(app.baseUrl, 'POST', '/api/v1/tasks/bulk', {
        token: admin.accessToken,
        body: { ids: ids(TASK_LIMITS.bulkMax), changes: { status: 'done' } },
      });
      expect(expectProblem(atCap, 404).missingIds).toHaveLength(TASK_LIMITS.bulkMax);
      const overCap = await send(app.baseUrl, 'POST', '/api/v1/tasks/bulk', {
        token: admin.accessToken,
        body: { ids: ids(TASK_LIMITS.bulkMax + 1), changes: { status: 'done' } },
      });
      expectFieldRefused(overCap, 'ids', 'bulk 501 ids');
    });

    it.each(documents413.map((op) => [describeOperation(op), op] as const))(
      '%s: a body over BODY_LIMIT is a 413 problem; one at the limit is parsed',
      async (_name, op) => {
        const limit = app.app.get(ConfigService).get<number>('BODY_LIMIT') ?? NaN;
        expect(limit).toBeGreaterThan(1000);
        const ofSize = (size: number) => {
          const text = `{"pad":"${'a'.repeat(size - '{"pad":""}'.length)}"}`;
          expect(Buffer.byteLength(text)).toBe(size);
          return text;
        };
        const over = await send(app.baseUrl, op.method, pathOf(op), {
          token: callerOf(op),
          rawBody: ofSize(limit + 1),
        });
        expect(expectProblem(over, 413).type).toBe(`${PROBLEM_TYPE_BASE}payload-too-large`);
        // At the limit it is read, then refused for what it says (`pad` is no field).
        const at = await send(app.baseUrl, op.method, pathOf(op), {
          token: callerOf(op),
          rawBody: ofSize(limit),
        });
        expect({ op: op.operationId, status: at.status }).toEqual({
          op: op.operationId,
          status: 400,
        });
      },
    );

    it('a chunked body (no Content-Length) over the limit is cut off with a 413 too', async () => {
      const limit = app.app.get(ConfigService).get<number>('BODY_LIMIT') ?? NaN;
      const chunk = new TextEncoder().encode(`{"email":"${'a'.repeat(limit)}`);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(chunk);
          controller.enqueue(new TextEncoder().encode('","password":"x"}'));
          controller.close();
        },
      });
      const response = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        duplex: 'half',
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it.each(withBody.map((op) => [describeOperation(op), op] as const))(
      `%s: JSON nested deeper than ${MAX_JSON_DEPTH} is a 400 before parsing; ${MAX_JSON_DEPTH} is parsed`,
      async (_name, op) => {
        const bodyAtDepth = (depth: number) =>
          JSON.stringify({ deep: 'DEEP', ...(exampleBody(op) as object) }).replace(
            '"DEEP"',
            nestedJson(depth - 1),
          );
        const deep = await send(app.baseUrl, op.method, pathOf(op), {
          token: callerOf(op),
          rawBody: bodyAtDepth(MAX_JSON_DEPTH + 1),
        });
        expect(expectProblem(deep, 400).errors).toEqual([
          {
            path: '(body)',
            message: `must not nest arrays or objects more than ${MAX_JSON_DEPTH} levels deep`,
          },
        ]);
        // The control: one level less reaches validation, which refuses the unknown `deep`.
        const atMax = await send(app.baseUrl, op.method, pathOf(op), {
          token: callerOf(op),
          rawBody: bodyAtDepth(MAX_JSON_DEPTH),
        });
        expectFieldRefused(atMax, 'deep', `${op.operationId} at depth ${MAX_JSON_DEPTH}`);
      },
    );
  });

  describe('sign-in throttling', () => {
    const PER_EMAIL = 3;
    const PER_IP = 8;
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        configOverrides: isolated({
          ...FAST_HASHING,
          THROTTLE_AUTH_LIMIT_PER_EMAIL: String(PER_EMAIL),
          THROTTLE_AUTH_LIMIT_PER_IP: String(PER_IP),
        }),
      });
    });
    afterAll(() => app.close());

    const login = (email: string, password = 'wrong-password-123') =>
      send(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } });
    const expectThrottled = (answer: Answer) => {
      expect(expectProblem(answer, 429).type).toBe(`${PROBLEM_TYPE_BASE}too-many-requests`);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    };

    it('per email: 429 with Retry-After past the limit, even for the right password', async () => {
      const user = await createUser(app);
      for (let i = 0; i < PER_EMAIL; i += 1) expect((await login(user.email)).status).toBe(401);
      expectThrottled(await login(user.email));
      expectThrottled(await login(user.email.toUpperCase()));
      expectThrottled(await login(user.email, user.password));
    });

    it('per IP: spreading guesses over many emails does not help', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < PER_IP + 2; i += 1) {
        const answer = await login(`spray-${i}-${randomUUID()}@example.com`);
        statuses.push(answer.status);
        if (answer.status === 429) expectThrottled(answer);
      }
      // Whatever the earlier test spent, the IP's budget ends within PER_IP attempts.
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(PER_IP);
      expect(statuses.at(-1)).toBe(429);
      const register = await send(app.baseUrl, 'POST', '/api/v1/auth/register', {
        body: {
          email: `late-${randomUUID()}@example.com`,
          password: 'violet-harbour-engine-42',
          displayName: 'Late',
        },
      });
      expectThrottled(register);
    });
  });

  describe('password hashing: bounded concurrency, 503 past the queue', () => {
    let app: TestApp;
    beforeAll(async () => {
      // One hash at a time and no queue: a burst must overflow at once. Production argon2
      // parameters, so each hash takes long enough for the burst to overlap it.
      app = await startTestApp({
        configOverrides: isolated({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_MAX: '0' }),
      });
    });
    afterAll(() => app.close());

    it('answers a burst of sign-ins with 401s and 503 + Retry-After, never another 5xx', async () => {
      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          send(app.baseUrl, 'POST', '/api/v1/auth/login', {
            body: { email: `burst-${i}-${randomUUID()}@example.com`, password: 'wrong-password-1' },
          }),
        ),
      );
      const statuses = burst.map((answer) => answer.status);
      expect(statuses.filter((status) => status !== 401 && status !== 503)).toEqual([]);
      expect(statuses).toContain(401);
      expect(statuses).toContain(503);
      for (const answer of burst) {
        const problem = expectProblem(answer, answer.status);
        if (answer.status === 503) {
          expect(problem.type).toBe(`${PROBLEM_TYPE_BASE}service-unavailable`);
          expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      // Registration queues behind the same hasher.
      const registrations = await Promise.all(
        Array.from({ length: 6 }, () =>
          send(app.baseUrl, 'POST', '/api/v1/auth/register', {
            body: {
              email: `burst-${randomUUID()}@example.com`,
              password: 'violet-harbour-engine-42',
              displayName: 'Burst',
            },
          }),
        ),
      );
      const registered = registrations.map((answer) => answer.status);
      expect(registered.filter((status) => status !== 201 && status !== 503)).toEqual([]);
      expect(registered).toContain(503);
      // Once the burst is over, sign-in works again.
      const user = await createUser(app);
      const after = await send(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(after.status).toBe(200);
    });
  });
});
