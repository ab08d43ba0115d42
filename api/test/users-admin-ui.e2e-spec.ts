import { randomUUID } from 'node:crypto';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';

const PROBLEM = 'https://tasktrackr.dev/problems/';

interface AuditRow {
  action: string;
  actor_id: string | null;
  target_id: string | null;
  outcome: string;
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
}

/** Audit events for a user, sealed or still in the outbox (one statement, one snapshot). */
async function auditOf(app: TestApp, action: string, targetId: string): Promise<AuditRow[]> {
  return app.dataSource.query<AuditRow[]>(
    `SELECT action, actor_id, target_id, outcome, changes FROM audit_outbox
      WHERE action = $1 AND target_type = 'user' AND target_id = $2
     UNION ALL
     SELECT action, actor_id, target_id, outcome, changes FROM audit_events
      WHERE action = $1 AND target_type = 'user' AND target_id = $2`,
    [action, targetId],
  );
}

describe('user endpoints of the admin UI (e2e)', () => {
  let app: TestApp;
  let admin: TestUser;
  let employee: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    [admin, employee] = await Promise.all([
      createUser(app, { roles: ['admin'] }),
      createUser(app, { roles: ['employee'] }),
    ]);
  });
  afterAll(() => app.close());

  describe('POST /users (createUser)', () => {
    it('an admin creates a user, who can then sign in with the initial password', async () => {
      const email = `New.Person-${randomUUID()}@Example.COM`;
      const password = `initial-${randomUUID()}`;
      const { data, response } = await admin.client.POST('/api/v1/users', {
        body: { email, displayName: '  New Person ', roles: ['employee', 'auditor'], password },
      });
      expect(response.status).toBe(201);
      expect(data).toMatchObject({
        email: email.toLowerCase(),
        displayName: 'New Person',
        roles: ['employee', 'auditor'],
        disabled: false,
      });
      const id = data?.id ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('location')).toBe(`/api/v1/users/${id}`);
      expect(JSON.stringify(data)).not.toContain(password);

      // Signs in with the address in any case (normalised like registration).
      const login = await app.sdk.POST('/api/v1/auth/login', { body: { email, password } });
      expect(login.response.status).toBe(200);
      expect(login.data?.user).toMatchObject({ id, roles: ['employee', 'auditor'] });
      const me = await app.client(login.data?.accessToken).GET('/api/v1/users/me');
      expect(me.data?.email).toBe(email.toLowerCase());

      const [event, ...more] = await auditOf(app, 'user.created', id);
      expect(more).toHaveLength(0);
      expect(event).toMatchObject({ actor_id: admin.userId, outcome: 'success' });
      expect(event.changes).toEqual({
        email: { after: email.toLowerCase() },
        displayName: { after: 'New Person' },
        roles: { after: ['employee', 'auditor'] },
      });
      expect(JSON.stringify(event)).not.toContain(password);
    });

    it('refuses employees (403), API tokens (403) and anonymous callers (401)', async () => {
      const body = {
        email: `nope-${randomUUID()}@example.com`,
        displayName: 'Nope',
        roles: ['admin' as const],
        password: `initial-${randomUUID()}`,
      };
      const asEmployee = await employee.client.POST('/api/v1/users', { body });
      expect(asEmployee.response.status).toBe(403);
      expect(asEmployee.error?.type).toBe(`${PROBLEM}forbidden`);
      const token = await createApiToken(app, admin, ['audit:read', 'tasks:write']);
      expect((await token.client.POST('/api/v1/users', { body })).response.status).toBe(403);
      expect((await app.sdk.POST('/api/v1/users', { body })).response.status).toBe(401);
      const [{ count }] = await app.dataSource.query<[{ count: number }]>(
        'SELECT count(*)::int AS count FROM users WHERE email = $1',
        [body.email],
      );
      expect(count).toBe(0);
    });

    it('answers 409 email-taken for an email that exists in another case', async () => {
      const email = `taken-${randomUUID()}@example.com`;
      const first = await admin.client.POST('/api/v1/users', {
        body: { email, displayName: 'First', roles: ['employee'], password: `pw-${randomUUID()}` },
      });
      expect(first.response.status).toBe(201);
      const again = await admin.client.POST('/api/v1/users', {
        body: {
          email: email.toUpperCase(),
          displayName: 'Second',
          roles: ['auditor'],
          password: `pw-${randomUUID()}`,
        },
      });
      expect(again.response.status).toBe(409);
      expect(again.response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(again.error?.type).toBe(`${PROBLEM}email-taken`);
      const rows = await app.dataSource.query<{ display_name: string }[]>(
        'SELECT display_name FROM users WHERE email = $1',
        [email],
      );
      expect(rows).toEqual([{ display_name: 'First' }]);
    });

    it('answers 400 with field errors for a weak password or bad fields, creating nothing', async () => {
      const email = `weak-${randomUUID()}@example.com`;
      const cases: Array<{ body: Record<string, unknown>; path: string; message: RegExp }> = [
        { body: { password: 'short-pw' }, path: 'password', message: /at least 12/ },
        { body: { password: 'Password1234' }, path: 'password', message: /too common/ },
        { body: { password: email.toUpperCase() }, path: 'password', message: /email/ },
        { body: { roles: ['root'] }, path: 'roles', message: /roles/ },
        { body: { roles: [] }, path: 'roles', message: /roles/ },
        { body: { email: 'not-an-email' }, path: 'email', message: /email/ },
        { body: { displayName: '   ' }, path: 'displayName', message: /blank/ },
      ];
      for (const { body, path, message } of cases) {
        const { response, error } = await admin.client.POST('/api/v1/users', {
          body: {
            email,
            displayName: 'Weak',
            roles: ['employee'],
            password: `pw-${randomUUID()}`,
            ...body,
          } as never,
        });
        expect(response.status).toBe(400);
        expect(error?.type).toBe(`${PROBLEM}validation-error`);
        expect(error?.errors).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ path, message: expect.stringMatching(message) as string }),
          ]),
        );
      }
      const unknownField = await admin.client.POST('/api/v1/users', {
        body: {
          email,
          displayName: 'Weak',
          roles: ['employee'],
          password: `pw-${randomUUID()}`,
          disabled: true,
        } as never,
      });
      expect(unknownField.response.status).toBe(400);
      const listed = await admin.client.GET('/api/v1/users', { params: { query: { email } } });
      expect(listed.data?.items).toEqual([]);
    });
  });

  describe('PATCH /users/me (updateMe)', () => {
    it('changes my display name and records user.updated with before and after', async () => {
      const user = await createUser(app, { displayName: 'Before Name' });
      const { data, response } = await user.client.PATCH('/api/v1/users/me', {
        body: { displayName: ' After Name ' },
      });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({
        id: user.userId,
        displayName: 'After Name',
        roles: ['employee'],
      });
      expect((await user.client.GET('/api/v1/users/me')).data?.displayName).toBe('After Name');

      // The same name again is no change, and records nothing more.
      const same = await user.client.PATCH('/api/v1/users/me', {
        body: { displayName: 'After Name' },
      });
      expect(same.response.status).toBe(200);
      const events = await auditOf(app, 'user.updated', user.userId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor_id: user.userId,
        changes: { displayName: { before: 'Before Name', after: 'After Name' } },
      });
    });

    it('refuses a blank name or other fields (400), API tokens (403), anonymous (401)', async () => {
      const user = await createUser(app, { displayName: 'Kept Name' });
      const blank = await user.client.PATCH('/api/v1/users/me', { body: { displayName: '  ' } });
      expect(blank.response.status).toBe(400);
      expect(blank.error?.errors?.[0]?.path).toBe('displayName');
      const roles = await user.client.PATCH('/api/v1/users/me', {
        body: { displayName: 'Sneaky', roles: ['admin'] } as never,
      });
      expect(roles.response.status).toBe(400);
      const token = await createApiToken(app, user, ['tasks:write']);
      const viaToken = await token.client.PATCH('/api/v1/users/me', {
        body: { displayName: 'Token' },
      });
      expect(viaToken.response.status).toBe(403);
      const anonymous = await app.sdk.PATCH('/api/v1/users/me', { body: { displayName: 'Anon' } });
      expect(anonymous.response.status).toBe(401);
      const me = await user.client.GET('/api/v1/users/me');
      expect(me.data).toMatchObject({ displayName: 'Kept Name', roles: ['employee'] });
    });
  });

  describe('POST /users/me/password (changeMyPassword)', () => {
    it('changes the password, keeps this session and revokes my other sessions', async () => {
      const user = await createUser(app);
      const other = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(other.response.status).toBe(200);
      const otherClient = app.client(other.data?.accessToken);
      expect((await otherClient.GET('/api/v1/users/me')).response.status).toBe(200);
      // Someone else's session must survive.
      expect((await employee.client.GET('/api/v1/users/me')).response.status).toBe(200);

      const newPassword = `changed-${randomUUID()}`;
      const { response } = await user.client.POST('/api/v1/users/me/password', {
        body: { currentPassword: user.password, newPassword },
      });
      expect(response.status).toBe(204);

      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(200);
      expect((await otherClient.GET('/api/v1/users/me')).response.status).toBe(401);
      expect((await employee.client.GET('/api/v1/users/me')).response.status).toBe(200);
      const sessions = await user.client.GET('/api/v1/auth/sessions');
      expect(sessions.data?.map((s) => ({ id: s.id, current: s.current }))).toEqual([
        { id: user.sessionId, current: true },
      ]);

      const oldLogin = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(oldLogin.response.status).toBe(401);
      const newLogin = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: newPassword },
      });
      expect(newLogin.response.status).toBe(200);

      const [event, ...more] = await auditOf(app, 'user.password_changed', user.userId);
      expect(more).toHaveLength(0);
      expect(event).toMatchObject({
        actor_id: user.userId,
        outcome: 'success',
        changes: { otherSessionsRevoked: { after: 1 } },
      });
      const text = JSON.stringify(event);
      expect(text).not.toContain(newPassword);
      expect(text).not.toContain(user.password);
      expect(text).not.toContain('argon2');
    });

    it('answers 400 on currentPassword when it is wrong, and changes nothing', async () => {
      const user = await createUser(app);
      const other = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      const { response, error } = await user.client.POST('/api/v1/users/me/password', {
        body: { currentPassword: `wrong-${randomUUID()}`, newPassword: `changed-${randomUUID()}` },
      });
      expect(response.status).toBe(400);
      expect(error?.type).toBe(`${PROBLEM}validation-error`);
      expect(error?.errors).toEqual([
        { path: 'currentPassword', message: 'currentPassword is not correct' },
      ]);
      // Still signed in everywhere, still the old password.
      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(200);
      expect(
        (await app.client(other.data?.accessToken).GET('/api/v1/users/me')).response.status,
      ).toBe(200);
      const login = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(login.response.status).toBe(200);
      const failures = await auditOf(app, 'user.password_change_failed', user.userId);
      expect(failures).toEqual([expect.objectContaining({ outcome: 'failure', changes: null })]);
      expect(await auditOf(app, 'user.password_changed', user.userId)).toEqual([]);
    });

    it('applies the password policy to newPassword (400 with field errors)', async () => {
      const user = await createUser(app);
      for (const [newPassword, message] of [
        ['too-short', /at least 12/],
        ['qwerty123456', /too common/],
        [user.email, /email/],
        [user.password, /differ/],
      ] as const) {
        const { response, error } = await user.client.POST('/api/v1/users/me/password', {
          body: { currentPassword: user.password, newPassword },
        });
        expect(response.status).toBe(400);
        expect(error?.errors?.[0]?.path).toBe('newPassword');
        expect(error?.errors?.[0]?.message).toMatch(message);
      }
      const login = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(login.response.status).toBe(200);
    });

    it('needs a signed-in session: API tokens get 403, anonymous callers 401', async () => {
      const user = await createUser(app);
      const body = { currentPassword: user.password, newPassword: `changed-${randomUUID()}` };
      const token = await createApiToken(app, user, ['tasks:write']);
      expect((await token.client.POST('/api/v1/users/me/password', { body })).response.status).toBe(
        403,
      );
      expect((await app.sdk.POST('/api/v1/users/me/password', { body })).response.status).toBe(401);
    });
  });
});
