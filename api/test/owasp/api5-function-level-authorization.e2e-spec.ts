import type { Role, Scope } from '../../src/common/access/principal';
import { createApiToken, createUser, TestUser } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { FAST_HASHING } from './support/fixtures';
import { Answer, expectProblem, PROBLEM_TYPE_BASE, send } from './support/http';
import {
  ALL_ROLES,
  ALL_SCOPES,
  describeOperation,
  exampleBody,
  fillPath,
  requiredQuery,
  SpecOperation,
  specOperations,
} from './support/spec-operations';

/**
 * OWASP API5:2023 Broken Function Level Authorization, driven by the contract: every operation
 * publishes who may call it (`x-required-roles`, `x-required-scopes`), and here every one of
 * them is called by everyone it names as not allowed. Requests are valid (the spec's own
 * example body, a well-formed id), so a refusal can only be about authorization; a control
 * call by an allowed caller shows the same request is not refused.
 *
 * Observed order: the auth guard runs before Nest's validation pipes, so a refused caller gets
 * 401/403 whatever the body or id (checked below with invalid ones), and learns nothing about
 * validation. Fastify's edge checks (body size, JSON depth, NUL in strings, content type) run
 * earlier, before routing to the guard: they answer the same to everyone and reveal nothing.
 */
const operations = specOperations();
const isProtected = (op: SpecOperation) => !op.isPublic;
const protectedOps = operations.filter(isProtected);
const roleGated = protectedOps.filter((op) => (op.roles ?? []).length > 0);
const sessionOnly = protectedOps.filter((op) => (op.scopes ?? []).length === 0);
const scoped = protectedOps.filter((op) => (op.scopes ?? []).length > 0);
const byName = (ops: SpecOperation[]) => ops.map((op) => [describeOperation(op), op] as const);

/**
 * Not refused for authorization: any answer but 401 and 403 (a 404 for a random id, or a 400
 * for a wrong current password, is fine), and no server error.
 */
const expectAuthorized = (op: SpecOperation, answer: Answer) =>
  expect({
    op: op.operationId,
    status: answer.status,
    refused: answer.status === 401 || answer.status === 403,
    serverError: answer.status >= 500,
  }).toMatchObject({ refused: false, serverError: false });

describe('OWASP API5: function level authorization, from the spec (e2e)', () => {
  let app: TestApp;
  const sessions = {} as Record<Role, TestUser>;
  let admin: TestUser;
  const tokenCache = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp({ configOverrides: FAST_HASHING });
    for (const role of ALL_ROLES) sessions[role] = await createUser(app, { roles: [role] });
    admin = sessions.admin;
  });
  afterAll(() => app.close());

  /** An admin's API token with exactly `scopes` (admins may hold every scope). */
  async function adminToken(scopes: readonly Scope[]): Promise<string> {
    const key = [...scopes].sort().join(' ');
    let token = tokenCache.get(key);
    if (token === undefined) {
      token = (await createApiToken(app, admin, [...scopes])).token;
      tokenCache.set(key, token);
    }
    return token;
  }

  /** The operation called as documented: example body, fresh UUIDs for ids, required query. */
  const call = (op: SpecOperation, token: string | undefined, invalid = false) =>
    send(
      app.baseUrl,
      op.method,
      fillPath(op, invalid ? Object.fromEntries(op.pathParams.map((p) => [p, 'not-a-uuid'])) : {}) +
        requiredQuery(op),
      {
        token,
        body: op.body ? (invalid ? { unexpectedField: true } : exampleBody(op)) : undefined,
      },
    );

  describe('coverage guard: the spec says who may call every operation', () => {
    it('finds the operations (the enumeration works)', () => {
      expect(protectedOps.length).toBeGreaterThan(20);
      expect(roleGated.map((op) => op.operationId)).toEqual(
        expect.arrayContaining(['listUsers', 'updateUser', 'getSystemStatus', 'listAuditEvents']),
      );
    });

    it.each(byName(operations))(
      '%s declares its security and access rule consistently',
      (_name, op) => {
        if (op.isPublic) {
          // Public: no rule to publish, and nothing else may claim otherwise.
          expect({ roles: op.roles, scopes: op.scopes }).toEqual({
            roles: undefined,
            scopes: undefined,
          });
          return;
        }
        // Not public: it must list its schemes and publish both extensions (possibly empty).
        expect(op.schemes).toContain('sessionJwt');
        expect(Array.isArray(op.roles)).toBe(true);
        expect(Array.isArray(op.scopes)).toBe(true);
        for (const role of op.roles ?? []) expect(ALL_ROLES).toContain(role);
        for (const scope of op.scopes ?? []) expect(ALL_SCOPES).toContain(scope);
        // API tokens are accepted exactly where scopes are named.
        expect(op.schemes.includes('personalApiToken')).toBe((op.scopes ?? []).length > 0);
        expect(op.statuses).toEqual(expect.arrayContaining(['401', '403']));
      },
    );
  });

  describe('anonymous callers', () => {
    it.each(byName(protectedOps))('%s: 401 without credentials', async (_name, op) => {
      const problem = expectProblem(await call(op, undefined), 401);
      expect(problem.type).toBe(`${PROBLEM_TYPE_BASE}unauthorized`);
    });

    it.each(byName(protectedOps))(
      '%s: 401 with an invalid id and body too (auth before validation)',
      async (_name, op) => {
        expectProblem(await call(op, undefined, true), 401);
        expectProblem(await call(op, 'not-a-real-credential', true), 401);
      },
    );
  });

  describe('signed-in users without one of the required roles', () => {
    const cases = roleGated.flatMap((op) =>
      ALL_ROLES.filter((role) => !(op.roles ?? []).includes(role)).map(
        (role) => [`${describeOperation(op)} as ${role}`, op, role] as const,
      ),
    );

    it('has cases (every role-gated operation excludes some role)', () => {
      expect(cases.length).toBeGreaterThan(roleGated.length - 1);
    });

    it.each(cases)('%s: 403, also for an invalid request', async (_name, op, role) => {
      const token = sessions[role].accessToken;
      const problem = expectProblem(await call(op, token), 403);
      expect(problem.type).toBe(`${PROBLEM_TYPE_BASE}forbidden`);
      expectProblem(await call(op, token, true), 403);
    });

    it.each(byName(protectedOps))(
      '%s: the control, an allowed role is not refused',
      async (_name, op) => {
        const allowed: Role = op.roles?.[0] ?? 'employee';
        expectAuthorized(op, await call(op, sessions[allowed].accessToken));
      },
    );
  });

  describe('API tokens', () => {
    it.each(byName(sessionOnly))(
      '%s: refuses an API token, even one holding every scope',
      async (_name, op) => {
        const answer = await call(op, await adminToken(ALL_SCOPES));
        expect([401, 403]).toContain(answer.status);
        expectProblem(answer, answer.status);
      },
    );

    it.each(byName(scoped))('%s: 403 to a token lacking a required scope', async (_name, op) => {
      const required = op.scopes ?? [];
      for (const missing of required) {
        const token = await adminToken(ALL_SCOPES.filter((scope) => scope !== missing));
        const problem = expectProblem(await call(op, token), 403);
        expect(problem.detail).toContain(missing);
      }
    });

    it.each(byName(scoped))('%s: the control, a token with its scopes', async (_name, op) => {
      expectAuthorized(op, await call(op, await adminToken(op.scopes ?? [])));
    });

    it('cuts a token down to its owner’s current roles (an auditor demoted to employee)', async () => {
      const auditor = await createUser(app, { roles: ['auditor'] });
      const { token } = await createApiToken(app, auditor, ['audit:read']);
      expect((await send(app.baseUrl, 'GET', '/api/v1/audit/stats', { token })).status).toBe(200);
      const demoted = await send(app.baseUrl, 'PATCH', `/api/v1/users/${auditor.userId}`, {
        token: admin.accessToken,
        body: { roles: ['employee'] },
      });
      expect(demoted.status).toBe(200);
      expectProblem(await send(app.baseUrl, 'GET', '/api/v1/audit/stats', { token }), 403);
    });
  });
});
