import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { JwtKeysService, rsaThumbprint } from '../src/auth/jwt-keys.service';
import { createApiToken, createUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';

/** The `tt_refresh` cookie value from a response, if it set one. */
function refreshCookie(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const match = /^tt_refresh=([^;]*)/.exec(header);
    if (match) return decodeURIComponent(match[1] ?? '');
  }
  return undefined;
}

/** Audit actions recorded for a target, whether still in the outbox or already sealed. */
async function auditedActions(app: TestApp, targetId: string): Promise<string[]> {
  const [{ sealed }] = await app.dataSource.query<[{ sealed: boolean }]>(
    `SELECT to_regclass('audit_events') IS NOT NULL AS sealed`,
  );
  const rows = await app.dataSource.query<{ action: string }[]>(
    `SELECT action FROM audit_outbox WHERE target_id = $1` +
      (sealed ? ` UNION ALL SELECT action FROM audit_events WHERE target_id = $1` : ''),
    [targetId],
  );
  return rows.map((row) => row.action);
}

const cookieHeader = (value: string) => ({ Cookie: `tt_refresh=${encodeURIComponent(value)}` });

describe('auth (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      configOverrides: { CORS_ORIGINS: 'https://ui.example.com', REFRESH_REUSE_GRACE_SECONDS: '0' },
    });
  });
  afterAll(() => app.close());

  describe('register and login', () => {
    it('registers an employee, sets a hardened refresh cookie and never returns the password', async () => {
      const email = `reg-${Date.now()}@example.com`;
      const { data, response } = await app.sdk.POST('/api/v1/auth/register', {
        body: { email, password: 'violet-harbour-engine-42', displayName: 'Reg User' },
      });
      expect(response.status).toBe(201);
      expect(data?.user).toMatchObject({ email, roles: ['employee'], disabled: false });
      expect(data?.expiresIn).toBe(900);
      expect(JSON.stringify(data)).not.toContain('violet-harbour');
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tt_refresh='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      // Seconds, as Set-Cookie defines Max-Age: the session's idle lifetime (7 days by default).
      expect(cookie).toMatch(/Max-Age=604800(;|$)/);

      const me = await app.client(data?.accessToken).GET('/api/v1/users/me');
      expect(me.data).toMatchObject({ email, displayName: 'Reg User' });
    });

    it('refuses weak passwords with a field error', async () => {
      const email = `weak-${Date.now()}@example.com`;
      for (const password of ['short-pw', 'Password1234', email]) {
        const { error, response } = await app.sdk.POST('/api/v1/auth/register', {
          body: { email, password, displayName: 'Weak' },
        });
        expect(response.status).toBe(400);
        expect(error?.errors?.[0]?.path).toBe('password');
      }
    });

    it('answers wrong email and wrong password with the same 401 problem', async () => {
      const user = await createUser(app);
      const wrongPassword = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email, password: 'not-the-password-at-all' },
      });
      const unknownEmail = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: 'nobody-here@example.com', password: 'not-the-password-at-all' },
      });
      expect(wrongPassword.response.status).toBe(401);
      expect(unknownEmail.response.status).toBe(401);
      const strip = (p: object | undefined) => ({
        ...p,
        requestId: undefined,
        instance: undefined,
      });
      expect(strip(wrongPassword.error)).toEqual(strip(unknownEmail.error));
    });

    it('logs in case-insensitively by email', async () => {
      const user = await createUser(app);
      const { data, response } = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: user.email.toUpperCase(), password: user.password },
      });
      expect(response.status).toBe(200);
      expect(data?.user.id).toBe(user.userId);
      expect(refreshCookie(response)).toBeDefined();
    });
  });

  describe('deny by default and roles', () => {
    it('refuses protected routes without a token (401) and admin routes to employees (403)', async () => {
      expect((await app.sdk.GET('/api/v1/users/me')).response.status).toBe(401);
      const employee = await createUser(app);
      const listed = await employee.client.GET('/api/v1/users', { params: { query: {} } });
      expect(listed.response.status).toBe(403);
    });
  });

  describe('refresh rotation', () => {
    const refresh = (value: string, headers: Record<string, string> = {}) =>
      app.sdk.POST('/api/v1/auth/refresh', { headers: { ...cookieHeader(value), ...headers } });

    it('rotates the refresh value and issues a new access token', async () => {
      const user = await createUser(app);
      const first = await refresh(user.refreshToken);
      expect(first.response.status).toBe(200);
      const next = refreshCookie(first.response);
      expect(next).toBeDefined();
      expect(next).not.toBe(user.refreshToken);
      const me = await app.client(first.data?.accessToken).GET('/api/v1/users/me');
      expect(me.data?.id).toBe(user.userId);
    });

    it('revokes the whole session when a spent value is presented again', async () => {
      const user = await createUser(app);
      const first = await refresh(user.refreshToken);
      const newest = refreshCookie(first.response) ?? '';

      const replay = await refresh(user.refreshToken);
      expect(replay.response.status).toBe(401);

      // The family is gone: the newest value and the session's access tokens stop working.
      expect((await refresh(newest)).response.status).toBe(401);
      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(401);

      expect(await auditedActions(app, user.sessionId)).toContain('auth.refresh.reuse_detected');
    });

    it('refuses a refresh from a foreign Origin (CSRF) but allows a configured one', async () => {
      const user = await createUser(app);
      const foreign = await refresh(user.refreshToken, { Origin: 'https://evil.example.net' });
      expect(foreign.response.status).toBe(403);
      const allowed = await refresh(user.refreshToken, { Origin: 'https://ui.example.com' });
      expect(allowed.response.status).toBe(200);
    });

    it('refuses a missing or unknown refresh cookie', async () => {
      expect((await app.sdk.POST('/api/v1/auth/refresh')).response.status).toBe(401);
      expect((await refresh('not-a-real-value')).response.status).toBe(401);
    });
  });

  describe('sessions and logout', () => {
    it('lists my sessions with the current flag, and logout revokes the session', async () => {
      const user = await createUser(app);
      const listed = await user.client.GET('/api/v1/auth/sessions');
      expect(listed.data).toEqual([
        expect.objectContaining({ id: user.sessionId, current: true, userAgent: 'e2e-test' }),
      ]);

      const out = await app.sdk.POST('/api/v1/auth/logout', {
        headers: cookieHeader(user.refreshToken),
      });
      expect(out.response.status).toBe(204);
      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(401);
    });

    it('revokes one of my sessions by id, and 404s for someone else’s', async () => {
      const user = await createUser(app);
      const other = await createUser(app);
      const foreign = await user.client.DELETE('/api/v1/auth/sessions/{id}', {
        params: { path: { id: other.sessionId } },
      });
      expect(foreign.response.status).toBe(404);
      const own = await user.client.DELETE('/api/v1/auth/sessions/{id}', {
        params: { path: { id: user.sessionId } },
      });
      expect(own.response.status).toBe(204);
      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(401);
    });
  });

  describe('access token verification', () => {
    it('publishes the signing key in the JWKS with its kid', async () => {
      const { data } = await app.sdk.GET('/api/v1/auth/jwks.json');
      expect(data?.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      const user = await createUser(app);
      const header = JSON.parse(
        Buffer.from(user.accessToken.split('.')[0] ?? '', 'base64url').toString(),
      ) as { kid: string; alg: string };
      expect(header.alg).toBe('RS256');
      expect(data?.keys.map((k) => k.kid)).toContain(header.kid);
    });

    it('refuses alg:none, a foreign key, wrong issuer or audience, and expired tokens', async () => {
      const user = await createUser(app);
      const [rawHeader, rawPayload] = user.accessToken.split('.');
      const payload = JSON.parse(Buffer.from(rawPayload ?? '', 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const header = JSON.parse(Buffer.from(rawHeader ?? '', 'base64url').toString()) as {
        kid: string;
      };
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const none = `${b64({ alg: 'none', typ: 'JWT', kid: header.kid })}.${rawPayload}.`;

      const { privateKey: foreignKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const foreignPem = foreignKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const jwt = new JwtService({});
      const claims = { sub: payload.sub, sid: payload.sid };
      const signWith = (pem: string, kid: string, overrides: Record<string, unknown> = {}) =>
        jwt.sign(claims, {
          algorithm: 'RS256',
          privateKey: pem,
          keyid: kid,
          issuer: 'tasktrackr',
          audience: 'tasktrackr-api',
          expiresIn: 900,
          ...overrides,
        });
      const foreignKid = rsaThumbprint(createPrivateKey(foreignPem));
      const ownPem = app.app
        .get(JwtKeysService)
        .signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      const tokens = {
        none,
        foreignKeyOwnKid: signWith(foreignPem, header.kid),
        foreignKeyForeignKid: signWith(foreignPem, foreignKid),
        hs256: jwt.sign(claims, {
          algorithm: 'HS256',
          secret: 'x'.repeat(32),
          issuer: 'tasktrackr',
          audience: 'tasktrackr-api',
        }),
        // Our own key, so only the named claim is wrong.
        wrongIssuer: signWith(ownPem, header.kid, { issuer: 'someone-else' }),
        wrongAudience: signWith(ownPem, header.kid, { audience: 'another-api' }),
        expired: jwt.sign(
          { ...claims, exp: Math.floor(Date.now() / 1000) - 60 },
          {
            algorithm: 'RS256',
            privateKey: ownPem,
            keyid: header.kid,
            issuer: 'tasktrackr',
            audience: 'tasktrackr-api',
          },
        ),
      };
      // The control: the same construction with nothing wrong is accepted.
      const control = await app.client(signWith(ownPem, header.kid)).GET('/api/v1/users/me');
      expect(control.response.status).toBe(200);
      for (const [name, token] of Object.entries(tokens)) {
        const { response } = await app.client(token).GET('/api/v1/users/me');
        expect({ name, status: response.status }).toEqual({ name, status: 401 });
      }
      expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('creates a tt_ token shown once, lists it without the value, and revokes it', async () => {
      const user = await createUser(app);
      const created = await user.client.POST('/api/v1/auth/tokens', {
        body: { name: 'CI', scopes: ['tasks:read'] },
      });
      expect(created.response.status).toBe(201);
      expect(created.data?.token).toMatch(/^tt_/);
      const listed = await user.client.GET('/api/v1/auth/tokens');
      expect(listed.data).toEqual([expect.objectContaining({ id: created.data?.id, name: 'CI' })]);
      expect(JSON.stringify(listed.data)).not.toContain(created.data?.token ?? '-');

      const revoked = await user.client.DELETE('/api/v1/auth/tokens/{id}', {
        params: { path: { id: created.data?.id ?? '' } },
      });
      expect(revoked.response.status).toBe(204);
    });

    it('refuses a tasks:read token on a write (minting tokens needs a session)', async () => {
      const user = await createUser(app);
      const { client } = await createApiToken(app, user, ['tasks:read']);
      const write = await client.POST('/api/v1/auth/tokens', {
        body: { name: 'escalate', scopes: ['tasks:write'] },
      });
      expect(write.response.status).toBe(403);
    });

    it('refuses scopes beyond the owner’s roles', async () => {
      const employee = await createUser(app);
      const { response } = await employee.client.POST('/api/v1/auth/tokens', {
        body: { name: 'audit', scopes: ['audit:export'] },
      });
      expect(response.status).toBe(403);
    });

    it('refuses unknown, revoked and expired tokens with 401', async () => {
      const user = await createUser(app);
      const unknown = await app.client('tt_not-a-real-token').GET('/api/v1/users/me');
      expect(unknown.response.status).toBe(401);
      const { tokenId, client } = await createApiToken(app, user, ['tasks:read']);
      await user.client.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id: tokenId } } });
      expect((await client.GET('/api/v1/users/me')).response.status).toBe(401);

      const expiring = await createApiToken(app, user, ['tasks:read']);
      await app.dataSource.query(
        `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [expiring.tokenId],
      );
      expect((await expiring.client.GET('/api/v1/users/me')).response.status).toBe(401);
    });
  });

  describe('admin user management', () => {
    it('disabling a user refuses their still-valid access token on the very next request', async () => {
      const admin = await createUser(app, { roles: ['admin'] });
      const victim = await createUser(app);
      const token = await createApiToken(app, victim, ['tasks:read']);
      expect((await victim.client.GET('/api/v1/users/me')).response.status).toBe(200);

      const patched = await admin.client.PATCH('/api/v1/users/{id}', {
        params: { path: { id: victim.userId } },
        body: { disabled: true },
      });
      expect(patched.data?.disabled).toBe(true);
      expect((await victim.client.GET('/api/v1/users/me')).response.status).toBe(401);
      // Sessions and tokens are revoked too: re-enabling does not bring them back.
      await admin.client.PATCH('/api/v1/users/{id}', {
        params: { path: { id: victim.userId } },
        body: { disabled: false },
      });
      expect((await victim.client.GET('/api/v1/users/me')).response.status).toBe(401);
      expect((await token.client.GET('/api/v1/users/me')).response.status).toBe(401);
      const login = await app.sdk.POST('/api/v1/auth/login', {
        body: { email: victim.email, password: victim.password },
      });
      expect(login.response.status).toBe(200);
    });

    it('a role change applies on the next request', async () => {
      const admin = await createUser(app, { roles: ['admin'] });
      const user = await createUser(app);
      expect(
        (await user.client.GET('/api/v1/users', { params: { query: {} } })).response.status,
      ).toBe(403);
      await admin.client.PATCH('/api/v1/users/{id}', {
        params: { path: { id: user.userId } },
        body: { roles: ['employee', 'admin'] },
      });
      expect(
        (await user.client.GET('/api/v1/users', { params: { query: {} } })).response.status,
      ).toBe(200);
    });

    it('refuses to demote or disable the last enabled admin (409)', async () => {
      const admin = await createUser(app, { roles: ['admin'] });
      // Make this the only enabled admin for the duration of the test, then restore.
      const others = await app.dataSource.query<{ id: string }[]>(
        `UPDATE users SET disabled_at = now()
          WHERE 'admin' = ANY(roles) AND disabled_at IS NULL AND id <> $1 RETURNING id`,
        [admin.userId],
      );
      try {
        for (const body of [{ roles: ['employee' as const] }, { disabled: true }]) {
          const { response, error } = await admin.client.PATCH('/api/v1/users/{id}', {
            params: { path: { id: admin.userId } },
            body,
          });
          expect(response.status).toBe(409);
          expect(error?.type).toBe('https://tasktrackr.dev/problems/last-admin');
        }
      } finally {
        await app.dataSource.query(`UPDATE users SET disabled_at = NULL WHERE id = ANY($1)`, [
          others.map((row) => row.id),
        ]);
      }
    });

    it('lists users with a cursor and an email filter', async () => {
      const admin = await createUser(app, { roles: ['admin'] });
      const tag = `pg${Date.now()}`;
      for (let i = 0; i < 3; i += 1) await createUser(app, { email: `${tag}-${i}@example.com` });
      const first = await admin.client.GET('/api/v1/users', {
        params: { query: { email: tag, limit: 2 } },
      });
      expect(first.data?.items).toHaveLength(2);
      expect(first.data?.nextCursor).toBeTruthy();
      const second = await admin.client.GET('/api/v1/users', {
        params: { query: { email: tag, limit: 2, cursor: first.data?.nextCursor ?? '' } },
      });
      expect(second.data?.items).toHaveLength(1);
      expect(second.data?.nextCursor).toBeNull();
      const emails = [...(first.data?.items ?? []), ...(second.data?.items ?? [])].map(
        (u) => u.email,
      );
      expect(emails.sort()).toEqual([0, 1, 2].map((i) => `${tag}-${i}@example.com`));
    });
  });

  describe('audit', () => {
    it('records every auth event kind, and never password material', async () => {
      const rows = await app.dataSource.query<{ action: string }[]>(
        `SELECT DISTINCT action FROM audit_outbox` +
          ((
            await app.dataSource.query<[{ sealed: boolean }]>(
              `SELECT to_regclass('audit_events') IS NOT NULL AS sealed`,
            )
          )[0].sealed
            ? ` UNION SELECT DISTINCT action FROM audit_events`
            : ''),
      );
      // Earlier tests in this file performed each of these once at least.
      expect(rows.map((row) => row.action)).toEqual(
        expect.arrayContaining([
          'auth.registered',
          'auth.login.succeeded',
          'auth.login.failed',
          'auth.refresh',
          'auth.refresh.reuse_detected',
          'auth.logout',
          'auth.session.revoked',
          'user.roles_changed',
          'user.disabled',
          'auth.token.created',
          'auth.token.revoked',
        ]),
      );
      const leaks = await app.dataSource.query<[{ count: string }]>(
        `SELECT count(*) FROM audit_outbox WHERE changes::text ILIKE '%violet-harbour%'
            OR changes::text ILIKE '%argon2%'`,
      );
      expect(leaks[0].count).toBe('0');
    });
  });
});

describe('auth session policies (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      configOverrides: { REFRESH_REUSE_GRACE_SECONDS: '30', REGISTRATION_OPEN: 'false' },
    });
  });
  afterAll(() => app.close());

  const refresh = (value: string, userAgent: string) =>
    app.sdk.POST('/api/v1/auth/refresh', {
      headers: { ...cookieHeader(value), 'User-Agent': userAgent },
    });

  it('answers the same client’s concurrent refresh within the grace window', async () => {
    const user = await createUser(app);
    const [a, b] = await Promise.all([
      refresh(user.refreshToken, 'tab-client'),
      refresh(user.refreshToken, 'tab-client'),
    ]);
    expect([a.response.status, b.response.status]).toEqual([200, 200]);
    // Both new values belong to the live session.
    expect((await refresh(refreshCookie(a.response) ?? '', 'tab-client')).response.status).toBe(
      200,
    );
    expect((await refresh(refreshCookie(b.response) ?? '', 'tab-client')).response.status).toBe(
      200,
    );
  });

  it('treats a replay by another client within the window as reuse', async () => {
    const user = await createUser(app);
    const first = await refresh(user.refreshToken, 'victim-browser');
    expect(first.response.status).toBe(200);
    expect((await refresh(user.refreshToken, 'attacker-tool')).response.status).toBe(401);
    expect(
      (await refresh(refreshCookie(first.response) ?? '', 'victim-browser')).response.status,
    ).toBe(401);
  });

  it('ends a session at its absolute lifetime, refresh and access token alike', async () => {
    const user = await createUser(app);
    await app.dataSource.query(
      `UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [user.sessionId],
    );
    expect((await refresh(user.refreshToken, 'e2e-test')).response.status).toBe(401);
    expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(401);
  });

  it('refuses self-registration when REGISTRATION_OPEN is false', async () => {
    const { response, error } = await app.sdk.POST('/api/v1/auth/register', {
      body: { email: 'closed@example.com', password: 'violet-harbour-engine-42', displayName: 'X' },
    });
    expect(response.status).toBe(403);
    expect(error?.type).toBe('https://tasktrackr.dev/problems/registration-closed');
  });
});
