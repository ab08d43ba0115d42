import { createHash, randomUUID } from 'node:crypto';
import { createApiToken, createUser, TestUser } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { FAST_HASHING } from './support/fixtures';
import { Answer, expectProblem, refreshCookieOf, send } from './support/http';
import { componentSchema } from './support/spec-operations';

/**
 * OWASP API3:2023 Broken Object Property Level Authorization, both halves:
 * - mass assignment: a caller sending properties they may not set (roles, ids, owners,
 *   versions, timestamps, hashes) is refused with a 400 naming the property, or the property is
 *   ignored; it is never applied (checked in the database, not only in the answer);
 * - excessive data exposure: no answer carries password material, token values or hashes, or
 *   properties the contract does not document; client details of other people stay with admins.
 */
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

describe('OWASP API3: object property level authorization (e2e)', () => {
  let app: TestApp;
  let admin: TestUser;
  let employee: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    app = await startTestApp({ configOverrides: FAST_HASHING });
    [admin, employee, other] = [
      await createUser(app, { roles: ['admin'] }),
      await createUser(app),
      await createUser(app),
    ];
  });
  afterAll(() => app.close());

  /** Refused with a 400 naming `field`, or accepted without it (checked by the caller). */
  function refusedOrIgnored(answer: Answer, field: string): 'refused' | 'ignored' {
    if (answer.status === 400) {
      const problem = expectProblem(answer, 400);
      expect(problem.errors?.map((error) => error.path)).toContain(field);
      return 'refused';
    }
    expect({ field, accepted: answer.status >= 200 && answer.status < 300 }).toEqual({
      field,
      accepted: true,
    });
    return 'ignored';
  }

  const userRow = async (id: string) =>
    (
      await app.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT id, email, display_name, roles, disabled_at, password_hash, created_at
           FROM users WHERE id = $1`,
        [id],
      )
    )[0];
  const taskRow = async (id: string) =>
    (
      await app.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT title, owner_id, version, created_at, updated_at, completed_at, deleted_at
           FROM tasks WHERE id = $1`,
        [id],
      )
    )[0];

  const FORGED_ID = '00000000-0000-4000-8000-000000000001';
  const FORGED_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';

  describe('mass assignment', () => {
    it('register: no roles, id, state or hash of the caller’s choosing', async () => {
      const extras: Record<string, unknown> = {
        roles: ['admin'],
        id: FORGED_ID,
        disabled: false,
        createdAt: '2000-01-01T00:00:00.000Z',
        passwordHash: FORGED_HASH,
        password_hash: FORGED_HASH,
      };
      for (const [field, value] of Object.entries(extras)) {
        const email = `mass-${randomUUID()}@example.com`;
        const answer = await send(app.baseUrl, 'POST', '/api/v1/auth/register', {
          body: {
            email,
            password: 'violet-harbour-engine-42',
            displayName: 'Mass',
            [field]: value,
          },
        });
        const outcome = refusedOrIgnored(answer, field);
        const [row] = await app.dataSource.query<Array<Record<string, unknown>>>(
          'SELECT id, roles, password_hash, created_at FROM users WHERE email = $1',
          [email],
        );
        if (outcome === 'refused') {
          expect(row).toBeUndefined();
        } else {
          expect(row).toMatchObject({ roles: ['employee'] });
          expect(row?.id).not.toBe(FORGED_ID);
          expect(row?.password_hash).not.toBe(FORGED_HASH);
        }
      }
    });

    it('PATCH /users/me: only the display name', async () => {
      const before = await userRow(employee.userId);
      for (const [field, value] of Object.entries({
        roles: ['admin'],
        email: `taken-over-${randomUUID()}@example.com`,
        disabled: true,
        id: FORGED_ID,
        passwordHash: FORGED_HASH,
        createdAt: '2000-01-01T00:00:00.000Z',
      })) {
        const answer = await send(app.baseUrl, 'PATCH', '/api/v1/users/me', {
          token: employee.accessToken,
          body: { displayName: 'Still me', [field]: value },
        });
        refusedOrIgnored(answer, field);
        const after = { ...(await userRow(employee.userId)), display_name: undefined };
        const unchanged = { ...before, display_name: undefined };
        expect({ field, after }).toEqual({ field, after: unchanged });
      }
      expect((await userRow(employee.userId))?.roles).toEqual(['employee']);
    });

    it('POST /tasks: no owner, id, version or timestamps of the caller’s choosing', async () => {
      for (const [field, value] of Object.entries({
        ownerId: other.userId,
        owner_id: other.userId,
        id: FORGED_ID,
        version: 42,
        createdAt: '2000-01-01T00:00:00.000Z',
        updatedAt: '2000-01-01T00:00:00.000Z',
        completedAt: '2000-01-01T00:00:00.000Z',
        deletedAt: '2000-01-01T00:00:00.000Z',
      })) {
        const title = `mass-${randomUUID()}`;
        const answer = await send(app.baseUrl, 'POST', '/api/v1/tasks', {
          token: employee.accessToken,
          body: { title, [field]: value },
        });
        const outcome = refusedOrIgnored(answer, field);
        const rows = await app.dataSource.query<Array<Record<string, unknown>>>(
          'SELECT id, owner_id, version, created_at, deleted_at FROM tasks WHERE title = $1',
          [title],
        );
        if (outcome === 'refused') {
          expect(rows).toEqual([]);
        } else {
          expect(rows).toEqual([
            expect.objectContaining({ owner_id: employee.userId, version: 1, deleted_at: null }),
          ]);
          expect(rows[0]?.id).not.toBe(FORGED_ID);
        }
      }
      expect((await taskRow(FORGED_ID)) ?? null).toBeNull();
    });

    it('PATCH /tasks/{id} and bulk: owner, id, version and timestamps stay the server’s', async () => {
      const created = await send(app.baseUrl, 'POST', '/api/v1/tasks', {
        token: employee.accessToken,
        body: { title: `mine ${randomUUID()}` },
      });
      const id = (created.json as { id: string }).id;
      const before = await taskRow(id);
      const extras = {
        ownerId: other.userId,
        id: FORGED_ID,
        version: 42,
        createdAt: '2000-01-01T00:00:00.000Z',
        deletedAt: '2000-01-01T00:00:00.000Z',
      };
      for (const [field, value] of Object.entries(extras)) {
        const patched = await send(app.baseUrl, 'PATCH', `/api/v1/tasks/${id}`, {
          token: employee.accessToken,
          body: { [field]: value },
        });
        refusedOrIgnored(patched, field);
        const bulk = await send(app.baseUrl, 'POST', '/api/v1/tasks/bulk', {
          token: employee.accessToken,
          body: { ids: [id], changes: { priority: 'high', [field]: value } },
        });
        refusedOrIgnored(bulk, `changes.${field}`);
        const after = await taskRow(id);
        expect({ field, owner: after?.owner_id, created: after?.created_at }).toEqual({
          field,
          owner: before?.owner_id,
          created: before?.created_at,
        });
        expect(after?.deleted_at).toBeNull();
        expect(after?.version).not.toBe(42);
      }
      // The other employee still cannot see it: ownership did not move.
      const theirs = await send(app.baseUrl, 'GET', `/api/v1/tasks/${id}`, {
        token: other.accessToken,
      });
      expect(theirs.status).toBe(404);
    });

    it('list filters cannot widen the view (no ownerId or viewer overrides)', async () => {
      const created = await send(app.baseUrl, 'POST', '/api/v1/tasks', {
        token: other.accessToken,
        body: { title: `other's ${randomUUID()}` },
      });
      const id = (created.json as { id: string }).id;
      for (const query of [`ownerId=${other.userId}`, 'seesAll=true', 'all=true', 'role=admin']) {
        const answer = await send(app.baseUrl, 'GET', `/api/v1/tasks?${query}`, {
          token: employee.accessToken,
        });
        if (answer.status !== 400) expect(answer.status).toBe(200);
        expect(answer.text).not.toContain(id);
      }
    });

    it('API tokens: not for another user, and no hash, prefix or id of the caller’s choosing', async () => {
      const countOf = async (userId: string) =>
        (
          await app.dataSource.query<Array<{ n: number }>>(
            'SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1',
            [userId],
          )
        )[0]?.n;
      const otherBefore = await countOf(other.userId);
      for (const [field, value] of Object.entries({
        userId: other.userId,
        tokenHash: sha256('chosen'),
        prefix: 'tt_chosen',
        id: FORGED_ID,
        revokedAt: null,
      })) {
        const answer = await send(app.baseUrl, 'POST', '/api/v1/auth/tokens', {
          token: employee.accessToken,
          body: { name: 'mass', scopes: ['tasks:read'], [field]: value },
        });
        if (refusedOrIgnored(answer, field) === 'ignored') {
          const created = answer.json as { id: string; prefix: string; token: string };
          expect(created.id).not.toBe(FORGED_ID);
          expect(created.token.startsWith('tt_chosen')).toBe(false);
        }
      }
      expect(await countOf(other.userId)).toBe(otherBefore);
      const [forged] = await app.dataSource.query<unknown[]>(
        'SELECT 1 FROM api_tokens WHERE id = $1 OR token_hash = $2',
        [FORGED_ID, sha256('chosen')],
      );
      expect(forged).toBeUndefined();
    });

    it('admin routes too: no password hash, id or email through createUser and updateUser', async () => {
      for (const [field, value] of Object.entries({
        passwordHash: FORGED_HASH,
        id: FORGED_ID,
        createdAt: '2000-01-01T00:00:00.000Z',
      })) {
        const email = `mass-${randomUUID()}@example.com`;
        const answer = await send(app.baseUrl, 'POST', '/api/v1/users', {
          token: admin.accessToken,
          body: {
            email,
            displayName: 'Made',
            roles: ['employee'],
            password: 'amber-harbour-lantern-97',
            [field]: value,
          },
        });
        refusedOrIgnored(answer, field);
      }
      expect(await userRow(FORGED_ID)).toBeUndefined();
      const before = await userRow(employee.userId);
      for (const [field, value] of Object.entries({
        email: `moved-${randomUUID()}@example.com`,
        passwordHash: FORGED_HASH,
        displayName: 'Renamed by admin',
        id: FORGED_ID,
      })) {
        const answer = await send(app.baseUrl, 'PATCH', `/api/v1/users/${employee.userId}`, {
          token: admin.accessToken,
          body: { [field]: value },
        });
        refusedOrIgnored(answer, field);
      }
      expect(await userRow(employee.userId)).toEqual(before);
    });

    it('prototype pollution keys are refused before they reach any object', async () => {
      for (const [path, method, body] of [
        ['/api/v1/users/me', 'PATCH', '{"displayName":"p","__proto__":{"roles":["admin"]}}'],
        ['/api/v1/tasks', 'POST', '{"title":"p","constructor":{"prototype":{"roles":["admin"]}}}'],
      ] as const) {
        const answer = await send(app.baseUrl, method, path, {
          token: employee.accessToken,
          rawBody: body,
        });
        expectProblem(answer, 400);
      }
      const fresh = await createUser(app);
      const me = await send(app.baseUrl, 'GET', '/api/v1/users/me', { token: fresh.accessToken });
      expect((me.json as { roles: string[] }).roles).toEqual(['employee']);
      expect((await userRow(employee.userId))?.roles).toEqual(['employee']);
    });
  });

  describe('excessive data exposure', () => {
    /** Keys of `value` that the spec's schema `name` does not document. */
    const undocumented = (name: string, value: unknown): string[] => {
      const documented = Object.keys(componentSchema(name).properties ?? {});
      return Object.keys(value as object).filter((key) => !documented.includes(key));
    };

    it('no password, hash, token value or refresh value in any answer, nor undocumented fields', async () => {
      const password = `first-${randomUUID()}`;
      const email = `exposed-${randomUUID()}@example.com`;
      const answers: Array<{ what: string; answer: Answer; schema?: string }> = [];
      const record = (what: string, answer: Answer, schema?: string) => {
        expect({ what, status: answer.status < 300 }).toEqual({ what, status: true });
        answers.push({ what, answer, schema });
        return answer;
      };

      const registered = record(
        'register',
        await send(app.baseUrl, 'POST', '/api/v1/auth/register', {
          body: { email, password, displayName: 'Exposed' },
        }),
        'AuthResult',
      );
      const { accessToken, user } = registered.json as {
        accessToken: string;
        user: { id: string };
      };
      const refreshValues = [refreshCookieOf(registered)];
      const refreshed = record(
        'refresh',
        await send(app.baseUrl, 'POST', '/api/v1/auth/refresh', {
          headers: { Cookie: `tt_refresh=${encodeURIComponent(refreshValues[0] ?? '')}` },
        }),
        'AuthResult',
      );
      refreshValues.push(refreshCookieOf(refreshed));
      const newPassword = `second-${randomUUID()}`;
      record(
        'change password',
        await send(app.baseUrl, 'POST', '/api/v1/users/me/password', {
          token: accessToken,
          body: { currentPassword: password, newPassword },
        }),
      );
      const login = record(
        'login',
        await send(app.baseUrl, 'POST', '/api/v1/auth/login', {
          body: { email, password: newPassword },
        }),
        'AuthResult',
      );
      refreshValues.push(refreshCookieOf(login));
      const token = await createApiToken(app, { userId: user.id, email, roles: ['employee'] }, [
        'tasks:read',
      ]);
      const get = (what: string, path: string, bearer: string, schema?: string) =>
        send(app.baseUrl, 'GET', path, { token: bearer }).then((a) => record(what, a, schema));
      await get('me', '/api/v1/users/me', accessToken, 'User');
      await get('sessions', '/api/v1/auth/sessions', accessToken);
      await get('tokens', '/api/v1/auth/tokens', accessToken);
      record(
        'rename',
        await send(app.baseUrl, 'PATCH', '/api/v1/users/me', {
          token: accessToken,
          body: { displayName: 'Renamed' },
        }),
        'User',
      );
      await get(
        'admin: users',
        `/api/v1/users?email=${encodeURIComponent(email)}`,
        admin.accessToken,
      );
      record(
        'admin: update user',
        await send(app.baseUrl, 'PATCH', `/api/v1/users/${user.id}`, {
          token: admin.accessToken,
          body: { roles: ['employee'] },
        }),
        'User',
      );
      const auditor = await createUser(app, { roles: ['auditor'] });
      // The audit trail of all of the above, once sealed, as list and as export.
      await waitFor(
        async () => {
          const page = await send(app.baseUrl, 'GET', `/api/v1/audit/events?actorId=${user.id}`, {
            token: auditor.accessToken,
          });
          return page.text.includes('user.password_changed') ? true : undefined;
        },
        20_000,
        'the password change to be sealed',
      );
      await get('audit events', `/api/v1/audit/events?actorId=${user.id}`, auditor.accessToken);
      await get('audit export', `/api/v1/audit/events/export?format=jsonl`, auditor.accessToken);

      const [{ password_hash: passwordHash }] = await app.dataSource.query<
        Array<{ password_hash: string }>
      >('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      const tokenHashes = await app.dataSource.query<Array<{ token_hash: string }>>(
        `SELECT token_hash FROM auth_refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id
          WHERE s.user_id = $1
         UNION ALL SELECT token_hash FROM api_tokens WHERE user_id = $1`,
        [user.id],
      );
      const secrets: Record<string, string> = {
        'first password': password,
        'second password': newPassword,
        'password hash': passwordHash,
        'API token value': token.token,
        ...Object.fromEntries(
          refreshValues.map((value, index) => [`refresh ${index}`, value ?? '']),
        ),
        ...Object.fromEntries(
          tokenHashes.map((row, index) => [`stored hash ${index}`, row.token_hash]),
        ),
      };
      expect(Object.values(secrets).every((secret) => secret.length >= 12)).toBe(true);
      expect(tokenHashes.length).toBeGreaterThanOrEqual(4);

      for (const { what, answer, schema } of answers) {
        const text =
          answer.text +
          JSON.stringify([...answer.headers.entries()].filter(([k]) => k !== 'set-cookie'));
        for (const [secret, value] of Object.entries(secrets)) {
          expect({ what, secret, leaked: text.includes(value) }).toEqual({
            what,
            secret,
            leaked: false,
          });
        }
        expect({ what, fields: text.match(/password_?hash|token_?hash|\$argon2/gi) }).toEqual({
          what,
          fields: null,
        });
        if (schema) {
          const body = answer.json as Record<string, unknown>;
          expect({ what, extra: undocumented(schema, body) }).toEqual({ what, extra: [] });
          if (schema === 'AuthResult') {
            expect({ what, extra: undocumented('User', body.user) }).toEqual({ what, extra: [] });
          }
        }
      }
    });

    it('lists users to admins only, never to other roles or API tokens', async () => {
      const auditor = await createUser(app, { roles: ['auditor'] });
      const { token } = await createApiToken(app, admin, ['tasks:read', 'audit:read']);
      for (const bearer of [employee.accessToken, auditor.accessToken]) {
        expectProblem(await send(app.baseUrl, 'GET', '/api/v1/users', { token: bearer }), 403);
      }
      const byToken = await send(app.baseUrl, 'GET', '/api/v1/users', { token });
      expect([401, 403]).toContain(byToken.status);
      const page = await send(app.baseUrl, 'GET', '/api/v1/users?limit=100', {
        token: admin.accessToken,
      });
      expect(page.status).toBe(200);
      for (const item of (page.json as { items: unknown[] }).items) {
        expect(undocumented('User', item)).toEqual([]);
      }
    });

    it('task history shows colleagues what changed and who, not their IP or browser', async () => {
      // An assignee (or an admin) changing my task must not hand me their IP address and user
      // agent: that is the audit log's business (auditors, admins), not a task's.
      const owner = await createUser(app);
      const assignee = await createUser(app);
      const created = await send(app.baseUrl, 'POST', '/api/v1/tasks', {
        token: owner.accessToken,
        body: { title: `shared ${randomUUID()}`, assigneeId: assignee.userId },
      });
      const id = (created.json as { id: string }).id;
      const changed = await send(app.baseUrl, 'PATCH', `/api/v1/tasks/${id}`, {
        token: assignee.accessToken,
        body: { status: 'in_progress' },
        headers: { 'User-Agent': 'Assignee-Browser/1.0 (private)' },
      });
      expect(changed.status).toBe(200);
      const history = (bearer: string) =>
        send(app.baseUrl, 'GET', `/api/v1/tasks/${id}/history`, { token: bearer });
      const { value: ownerView } = await waitFor(
        async () => {
          const answer = await history(owner.accessToken);
          return (answer.json as { items: unknown[] }).items.length === 2 ? answer : undefined;
        },
        20_000,
        'both task events to be sealed',
      );
      const items = (ownerView.json as { items: Array<Record<string, unknown>> }).items;
      expect(items.map((item) => item.action)).toEqual(['task.updated', 'task.created']);
      expect(items[0]).toMatchObject({ actor: { id: assignee.userId } });
      for (const item of items)
        expect({ ip: item.ip, userAgent: item.userAgent }).toEqual({ ip: null, userAgent: null });
      expect(ownerView.text).not.toContain('Assignee-Browser');
      // The control: admins (who read the audit log anyway) still see them.
      const adminView = await history(admin.accessToken);
      expect(adminView.text).toContain('Assignee-Browser/1.0 (private)');
    });
  });
});
