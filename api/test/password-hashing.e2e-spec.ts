import * as argon2 from 'argon2';
import { createUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';

/** Password hashing on the real app: parameters, re-hash at sign-in, the bounded queue. */
describe('password hashing (e2e)', () => {
  describe('with the default parameters', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    async function storedHash(userId: string): Promise<string> {
      const rows = await app.dataSource.query<Array<{ password_hash: string }>>(
        'SELECT password_hash FROM users WHERE id = $1',
        [userId],
      );
      return rows[0]?.password_hash ?? '';
    }

    async function login(email: string, password: string): Promise<Response> {
      return fetch(`${app.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    }

    it('stores argon2id at OWASP’s parameters (m = 19 MiB, t = 2, p = 1)', async () => {
      const user = await createUser(app);
      expect(await storedHash(user.userId)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    it('re-hashes a hash made with older parameters at the next sign-in, and only then', async () => {
      const user = await createUser(app);
      // What the library's defaults (m = 64 MiB, t = 3, p = 4) stored before this change.
      const old = await argon2.hash(user.password, { type: argon2.argon2id });
      await app.dataSource.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
        user.userId,
        old,
      ]);

      expect((await login(user.email, 'not the password at all')).status).toBe(401);
      expect(await storedHash(user.userId)).toBe(old);

      expect((await login(user.email, user.password)).status).toBe(200);
      const upgraded = await storedHash(user.userId);
      expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await argon2.verify(upgraded, user.password)).toBe(true);
      expect((await login(user.email, user.password)).status).toBe(200);
      expect(await storedHash(user.userId)).toBe(upgraded);
    });
  });

  describe('under a login flood, past the hashing queue', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({
        configOverrides: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_MAX: '1' },
      });
    });
    afterAll(() => app.close());

    it('answers 503 problems with Retry-After for the overflow, and serves the rest', async () => {
      // 8 stays under the per-email sign-in limit (10 a minute), so only the queue refuses.
      const user = await createUser(app);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${app.baseUrl}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: user.email, password: user.password }),
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);
      const busy = responses.filter((response) => response.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
      for (const response of busy) {
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        const body = (await response.json()) as { status: number; type: string };
        expect(body).toMatchObject({ status: 503 });
        expect(body.type).toMatch(/service-unavailable$/);
      }
    });
  });
});
