import { AuthService } from '../src/auth/auth.service';
import type { RequestContext } from '../src/common/http/request-context';
import { ApiProcess } from './support/api-process';
import { createUser, TestUser } from './support/auth-helpers';
import { RedisCutProxy } from './support/redis-cut-proxy';
import { startTestApp, TestApp } from './support/test-app';

// Two API processes under ts-node start in 20-60 s on two shared cores.
jest.setTimeout(240_000);

/** The freshness bound of docs/auth.md, plus the granularity of the polling below. */
const BOUND_MS = 1000;
const POLL_MS = 5;
const SLACK_MS = 50;
const CONTEXT: RequestContext = { ip: '127.0.0.1', userAgent: 'e2e-test', requestId: null };

async function status(baseUrl: string, path: string, token: string, method = 'GET') {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Polls until `path` on `baseUrl` answers `expected`; resolves with when it did and how many
 * answers before were still the old one.
 */
async function until(baseUrl: string, path: string, token: string, expected: number) {
  const deadline = Date.now() + 5_000;
  for (let stale = 0; ; stale += 1) {
    const got = await status(baseUrl, path, token);
    if (got === expected) return { at: Date.now(), stale };
    if (Date.now() > deadline) throw new Error(`${path} still answers ${got}, not ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Requests `path` until `api` answers it from its principal cache (its hit count rises). */
async function untilCached(api: ApiProcess, path: string, token: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const before = await api.cacheLookups('hit');
    expect(await status(api.baseUrl, path, token)).toBe(200);
    if ((await api.cacheLookups('hit')) > before) return;
    if (Date.now() > deadline) throw new Error(`${api.baseUrl} never cached:\n${api.log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('principal freshness across two API processes (e2e)', () => {
  let testApp: TestApp;
  let proxy: RedisCutProxy;
  // A reaches Redis directly; B through a proxy that can lose its pub/sub messages.
  const env = { THROTTLE_LIMIT: '1000000' };
  let a: ApiProcess;
  let b: ApiProcess;

  beforeAll(async () => {
    // First, so the JWT signing key exists before the two processes look for it.
    testApp = await startTestApp();
    const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    proxy = new RedisCutProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const proxiedUrl = await proxy.open();
    a = new ApiProcess(env);
    b = new ApiProcess({ ...env, REDIS_URL: proxiedUrl });
    await Promise.all([a.start(), b.start()]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await proxy?.close();
    await testApp?.close();
  });

  /** Another session of `user`, as a second browser would have. */
  async function secondSession(user: TestUser) {
    const signedIn = await testApp.app.get(AuthService).login(user.email, user.password, CONTEXT);
    return { token: signedIn.accessToken, sessionId: signedIn.refresh.sessionId };
  }

  async function revokeOnA(user: TestUser, sessionId: string): Promise<number> {
    expect(
      await status(a.baseUrl, `/api/v1/auth/sessions/${sessionId}`, user.accessToken, 'DELETE'),
    ).toBe(204);
    return Date.now();
  }

  it('a session revoked on A is refused on A at once and on B within a second', async () => {
    const user = await createUser(testApp);
    const victim = await secondSession(user);
    await untilCached(a, '/api/v1/users/me', victim.token);
    await untilCached(b, '/api/v1/users/me', victim.token);

    const revokedAt = await revokeOnA(user, victim.sessionId);
    expect(await status(a.baseUrl, '/api/v1/users/me', victim.token)).toBe(401);
    const refused = await until(b.baseUrl, '/api/v1/users/me', victim.token, 401);
    console.info(
      `session revoke: B refused ${refused.at - revokedAt} ms after A's 204 ` +
        `(${refused.stale} stale answers before)`,
    );
    expect(refused.at - revokedAt).toBeLessThanOrEqual(BOUND_MS + SLACK_MS);
  });

  it('a role removed on A is enforced on A at once and on B within a second', async () => {
    const admin = await createUser(testApp, { roles: ['admin'] });
    const target = await createUser(testApp, { roles: ['employee', 'admin'] });
    await untilCached(a, '/api/v1/users', target.accessToken);
    await untilCached(b, '/api/v1/users', target.accessToken);

    const response = await fetch(`${a.baseUrl}/api/v1/users/${target.userId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['employee'] }),
    });
    expect(response.status).toBe(200);
    const changedAt = Date.now();
    expect(await status(a.baseUrl, '/api/v1/users', target.accessToken)).toBe(403);
    const refused = await until(b.baseUrl, '/api/v1/users', target.accessToken, 403);
    console.info(
      `role change: B refused ${refused.at - changedAt} ms after A's 200 ` +
        `(${refused.stale} stale answers before)`,
    );
    expect(refused.at - changedAt).toBeLessThanOrEqual(BOUND_MS + SLACK_MS);
  });

  it('with B’s invalidation messages lost, B still refuses within the TTL', async () => {
    const user = await createUser(testApp);
    const victim = await secondSession(user);
    proxy.setMode('mute-subscribers');
    try {
      // B's first use of this session reads the database and caches it for the TTL from now.
      expect(await status(b.baseUrl, '/api/v1/users/me', victim.token)).toBe(200);
      const cachedAt = Date.now();
      const revokedAt = await revokeOnA(user, victim.sessionId);
      const stale = await status(b.baseUrl, '/api/v1/users/me', victim.token);
      // The message is lost, so B trusts its entry until the TTL (unless this machine took
      // most of the TTL to revoke, when the entry may have expired already).
      if (Date.now() - cachedAt < BOUND_MS / 2) expect(stale).toBe(200);
      const refused = await until(b.baseUrl, '/api/v1/users/me', victim.token, 401);
      console.info(
        `lost message: B refused ${refused.at - revokedAt} ms after the revoke, ` +
          `${refused.at - cachedAt} ms after caching (answered ${stale} right after the revoke, ` +
          `${refused.stale} stale answers while polling)`,
      );
      expect(refused.at - cachedAt).toBeLessThanOrEqual(BOUND_MS + SLACK_MS);
    } finally {
      proxy.setMode('pass');
    }
  });

  it('with Redis unreachable, B reads the database on every request; subscribed again, it caches', async () => {
    const user = await createUser(testApp);
    const victim = await secondSession(user);
    proxy.setMode('down');
    try {
      // Wait until B has noticed (its lookups are bypasses), then cache nothing.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const before = await b.cacheLookups('bypass');
        expect(await status(b.baseUrl, '/api/v1/users/me', victim.token)).toBe(200);
        if ((await b.cacheLookups('bypass')) > before) break;
        if (Date.now() > deadline) throw new Error(`B kept using its cache:\n${b.log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await revokeOnA(user, victim.sessionId);
      expect(await status(b.baseUrl, '/api/v1/users/me', victim.token)).toBe(401);
    } finally {
      proxy.setMode('pass');
    }

    // Back on Redis, B subscribes again and caches; invalidations reach it again.
    const other = await secondSession(user);
    await untilCached(b, '/api/v1/users/me', other.token);
    const revokedAt = await revokeOnA(user, other.sessionId);
    const refused = await until(b.baseUrl, '/api/v1/users/me', other.token, 401);
    console.info(
      `after resubscribe: B refused ${refused.at - revokedAt} ms after A's 204 ` +
        `(${refused.stale} stale answers before)`,
    );
    expect(refused.at - revokedAt).toBeLessThanOrEqual(BOUND_MS + SLACK_MS);
  });
});
