import { createPublicKey, generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { JwtKeysService } from '../../src/auth/jwt-keys.service';
import { createApiToken, createUser, TestUser } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { FAST_HASHING } from './support/fixtures';
import {
  Answer,
  expectProblem,
  PROBLEM_TYPE_BASE,
  refreshCookieOf,
  send,
  stableProblem,
} from './support/http';
import { b64url, decodeJwtPart, Json, signHs256, signRsa, tamperSignature } from './support/jwt';

/**
 * OWASP API2:2023 Broken Authentication: every way an access token can be wrong is a 401 (the
 * same 401, so a caller cannot tell which check failed); credentials stop working the moment
 * they are revoked, reused or their owner is disabled; and sign-in does not reveal which
 * accounts exist. Forged tokens are signed with the app's real key (JwtKeysService), so the
 * only thing wrong with each is the thing named.
 */
describe('OWASP API2: broken authentication (e2e)', () => {
  let app: TestApp;
  let signingKey: { kid: string; privateKey: KeyObject };
  let publicPem: string;

  beforeAll(async () => {
    app = await startTestApp({
      // A spent refresh value presented again is reuse at once (no concurrent-tab grace).
      configOverrides: { ...FAST_HASHING, REFRESH_REUSE_GRACE_SECONDS: '0' },
    });
    signingKey = app.app.get(JwtKeysService).signingKey;
    publicPem = createPublicKey(signingKey.privateKey)
      .export({ type: 'spki', format: 'pem' })
      .toString();
  });
  afterAll(() => app.close());

  const me = (token: string | undefined, headers: Record<string, string> = {}) =>
    send(app.baseUrl, 'GET', '/api/v1/users/me', { token, headers });
  const refresh = (value: string, headers: Record<string, string> = {}) =>
    send(app.baseUrl, 'POST', '/api/v1/auth/refresh', {
      headers: { Cookie: `tt_refresh=${encodeURIComponent(value)}`, ...headers },
    });

  /** A 401 `unauthorized` problem with a Bearer challenge. */
  const expectUnauthorized = (answer: Answer) => {
    const problem = expectProblem(answer, 401);
    expect(problem.type).toBe(`${PROBLEM_TYPE_BASE}unauthorized`);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    return problem;
  };

  describe('access token claims, header and signature', () => {
    let user: TestUser;
    let other: TestUser;
    let claims: Json;
    let header: Json;
    const now = () => Math.floor(Date.now() / 1000);
    const own = (payload: Json, overrides: Json = {}) =>
      signRsa({ ...header, ...overrides }, payload, signingKey.privateKey);
    const without = (name: string): Json => {
      const rest = { ...claims };
      delete rest[name];
      return rest;
    };

    beforeAll(async () => {
      user = await createUser(app);
      other = await createUser(app);
      claims = decodeJwtPart(user.accessToken, 1);
      header = decodeJwtPart(user.accessToken, 0);
    });

    it('the control: a token built the same way with nothing wrong is accepted', async () => {
      expect(header).toMatchObject({ alg: 'RS256', kid: signingKey.kid });
      expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sid', 'sub']);
      const answer = await me(own({ ...claims, iat: now(), exp: now() + 300 }));
      expect(answer.status).toBe(200);
      expect((answer.json as { id: string }).id).toBe(user.userId);
    });

    it('refuses every defective token with one and the same 401', async () => {
      const { privateKey: attackerKey, publicKey: attackerPublic } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      });
      const forged: Record<string, string> = {
        ...Object.fromEntries(
          ['exp', 'iat', 'sub', 'sid', 'iss', 'aud'].map((name) => [
            `missing ${name}`,
            own(without(name)),
          ]),
        ),
        'empty sub': own({ ...claims, sub: '' }),
        'empty sid': own({ ...claims, sid: '' }),
        'empty aud list': own({ ...claims, aud: [] }),
        'exp as a string': own({ ...claims, exp: String(now() + 300) }),
        expired: own({ ...claims, iat: now() - 1000, exp: now() - 60 }),
        'not valid yet (nbf)': own({ ...claims, nbf: now() + 600 }),
        'wrong issuer': own({ ...claims, iss: 'someone-else' }),
        'wrong audience': own({ ...claims, aud: 'another-api' }),
        'alg none, no signature': `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`,
        'alg none, own kid': `${b64url({ ...header, alg: 'none' })}.${b64url(claims)}.`,
        'alg NONE': `${b64url({ ...header, alg: 'NONE' })}.${b64url(claims)}.`,
        'HS256 with the public key as secret': signHs256(
          { ...header, alg: 'HS256' },
          claims,
          publicPem,
        ),
        'RS512 with the real key': signRsa(
          { ...header, alg: 'RS512' },
          claims,
          signingKey.privateKey,
          'sha512',
        ),
        'unknown kid': own(claims, { kid: 'no-such-key' }),
        'no kid': signRsa({ alg: 'RS256', typ: 'JWT' }, claims, signingKey.privateKey),
        'kid path traversal': own(claims, { kid: '../../../../dev/null' }),
        'attacker key with our kid': signRsa(header, claims, attackerKey),
        'attacker key embedded as jwk': signRsa(
          { ...header, jwk: attackerPublic.export({ format: 'jwk' }) },
          claims,
          attackerKey,
        ),
        'tampered signature': tamperSignature(user.accessToken),
        'payload swapped to another user (original signature)': [
          user.accessToken.split('.')[0],
          b64url({ ...claims, sub: other.userId }),
          user.accessToken.split('.')[2],
        ].join('.'),
        // Validly signed, but the session belongs to someone else: sessions bind to their user.
        'another user’s id with my session': own({ ...claims, sub: other.userId }),
        'a session id that does not exist': own({ ...claims, sid: randomUUID() }),
        'not a JWT at all': 'definitely-not-a-token',
      };
      const problems = new Map<string, string>();
      for (const [name, token] of Object.entries(forged)) {
        const answer = await me(token);
        expect({ name, status: answer.status }).toEqual({ name, status: 401 });
        problems.set(name, JSON.stringify(stableProblem(answer)));
        expectUnauthorized(answer);
      }
      // One answer for all: nothing tells the caller which part was wrong.
      expect(new Set(problems.values()).size).toBe(1);
      expect((await me(user.accessToken)).status).toBe(200);
    });

    it('reads the token from the Authorization header only', async () => {
      const viaQuery = await send(
        app.baseUrl,
        'GET',
        `/api/v1/users/me?access_token=${user.accessToken}`,
      );
      expectUnauthorized(viaQuery);
      const viaCookie = await me(undefined, { Cookie: `access_token=${user.accessToken}` });
      expectUnauthorized(viaCookie);
      const basic = await me(undefined, {
        Authorization: `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`,
      });
      expectUnauthorized(basic);
    });

    it('a refresh value is no bearer token, and an access token no refresh value', async () => {
      expectUnauthorized(await me(user.refreshToken));
      expectUnauthorized(await refresh(user.accessToken));
      const { token } = await createApiToken(app, user, ['tasks:read']);
      expectUnauthorized(await refresh(token));
    });
  });

  describe('credentials stop working when they should', () => {
    it('a revoked session’s access token and refresh value, at once', async () => {
      const user = await createUser(app);
      expect((await me(user.accessToken)).status).toBe(200);
      const revoked = await send(app.baseUrl, 'DELETE', `/api/v1/auth/sessions/${user.sessionId}`, {
        token: user.accessToken,
      });
      expect(revoked.status).toBe(204);
      expectUnauthorized(await me(user.accessToken));
      expectUnauthorized(await refresh(user.refreshToken));
    });

    it('a logged-out session’s access token', async () => {
      const user = await createUser(app);
      const out = await send(app.baseUrl, 'POST', '/api/v1/auth/logout', {
        headers: { Cookie: `tt_refresh=${encodeURIComponent(user.refreshToken)}` },
      });
      expect(out.status).toBe(204);
      expectUnauthorized(await me(user.accessToken));
    });

    it('refresh reuse: a spent value presented again ends the whole session', async () => {
      const user = await createUser(app);
      const first = await refresh(user.refreshToken);
      expect(first.status).toBe(200);
      const newest = refreshCookieOf(first) ?? '';
      const newAccess = (first.json as { accessToken: string }).accessToken;
      expect(newest).not.toBe('');

      expectUnauthorized(await refresh(user.refreshToken)); // the replay
      expectUnauthorized(await refresh(newest));
      expectUnauthorized(await me(newAccess));
      expectUnauthorized(await me(user.accessToken));
    });

    it('a changed password signs out the other sessions', async () => {
      const user = await createUser(app);
      const second = await send(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(second.status).toBe(200);
      const secondAccess = (second.json as { accessToken: string }).accessToken;
      const changed = await send(app.baseUrl, 'POST', '/api/v1/users/me/password', {
        token: user.accessToken,
        body: { currentPassword: user.password, newPassword: `new-${randomUUID()}` },
      });
      expect(changed.status).toBe(204);
      expectUnauthorized(await me(secondAccess));
      expectUnauthorized(await refresh(refreshCookieOf(second) ?? ''));
      expect((await me(user.accessToken)).status).toBe(200);
    });

    it('a disabled user’s session, refresh value and API token, and their sign-in', async () => {
      const admin = await createUser(app, { roles: ['admin'] });
      const user = await createUser(app);
      const { token } = await createApiToken(app, user, ['tasks:read']);
      const disabled = await send(app.baseUrl, 'PATCH', `/api/v1/users/${user.userId}`, {
        token: admin.accessToken,
        body: { disabled: true },
      });
      expect(disabled.status).toBe(200);
      expectUnauthorized(await me(user.accessToken));
      expectUnauthorized(await refresh(user.refreshToken));
      expectUnauthorized(await send(app.baseUrl, 'GET', '/api/v1/tasks', { token }));
      // The right password of a disabled account: the same 401 as a wrong one.
      const right = await send(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: user.password },
      });
      const wrong = await send(app.baseUrl, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: 'not-the-password-at-all' },
      });
      expectProblem(right, 401);
      expect(stableProblem(right)).toEqual(stableProblem(wrong));
      expect(refreshCookieOf(right)).toBeUndefined();
    });

    it('a revoked, an expired and an altered API token', async () => {
      const user = await createUser(app);
      const tasks = (token: string) => send(app.baseUrl, 'GET', '/api/v1/tasks', { token });
      const revoked = await createApiToken(app, user, ['tasks:read']);
      const expiring = await createApiToken(app, user, ['tasks:read']);
      const altered = await createApiToken(app, user, ['tasks:read']);
      for (const { token } of [revoked, expiring, altered])
        expect((await tasks(token)).status).toBe(200);

      expect(
        (
          await send(app.baseUrl, 'DELETE', `/api/v1/auth/tokens/${revoked.tokenId}`, {
            token: user.accessToken,
          })
        ).status,
      ).toBe(204);
      await app.dataSource.query(
        `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [expiring.tokenId],
      );
      const last = altered.token.slice(-1);
      const changed = `${altered.token.slice(0, -1)}${last === 'a' ? 'b' : 'a'}`;
      for (const token of [revoked.token, expiring.token, changed, 'tt_', `${changed}x`]) {
        expectUnauthorized(await tasks(token));
      }
      expect((await tasks(altered.token)).status).toBe(200); // the unaltered one still works
    });
  });

  describe('sign-in does not reveal which accounts exist', () => {
    it('answers unknown email, wrong password and disabled account identically', async () => {
      const admin = await createUser(app, { roles: ['admin'] });
      const user = await createUser(app);
      const disabled = await createUser(app);
      await send(app.baseUrl, 'PATCH', `/api/v1/users/${disabled.userId}`, {
        token: admin.accessToken,
        body: { disabled: true },
      });
      const login = (email: string, password: string) =>
        send(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } });
      const attempts = {
        'unknown email': await login(`nobody-${randomUUID()}@example.com`, 'wrong-password-123'),
        'wrong password': await login(user.email, 'wrong-password-123'),
        'wrong password, email in upper case': await login(
          user.email.toUpperCase(),
          'wrong-password-123',
        ),
        'disabled account, right password': await login(disabled.email, disabled.password),
      };
      const reference = attempts['unknown email'];
      expectUnauthorized(reference);
      for (const [name, answer] of Object.entries(attempts)) {
        expect({ name, status: answer.status }).toEqual({ name, status: 401 });
        expect({ name, body: stableProblem(answer) }).toEqual({
          name,
          body: stableProblem(reference),
        });
        expect({ name, cookie: refreshCookieOf(answer) }).toEqual({ name, cookie: undefined });
        // The same headers too (bar the per-request and rate-limit ones).
        const names = (a: Answer) =>
          [...a.headers.keys()]
            .filter((key) => !/^(x-request-id|x-ratelimit-|date|content-length)/.test(key))
            .sort();
        expect({ name, headers: names(answer) }).toEqual({ name, headers: names(reference) });
      }
    });

    it('register’s 409 for a taken email is under the strict per-IP and per-email limits', async () => {
      // Documented trade-off (docs/auth.md): register answers 409 for a taken email; the
      // strict per-IP and per-email limits bound how fast anyone can enumerate with it.
      const user = await createUser(app);
      const taken = await send(app.baseUrl, 'POST', '/api/v1/auth/register', {
        body: { email: user.email, password: 'violet-harbour-engine-42', displayName: 'X' },
      });
      expect(expectProblem(taken, 409).type).toBe(`${PROBLEM_TYPE_BASE}email-taken`);
      expect(taken.headers.get('x-ratelimit-limit-authip')).not.toBeNull();
      expect(taken.headers.get('x-ratelimit-limit-authemail')).not.toBeNull();
    });
  });
});
