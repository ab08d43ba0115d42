import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createApiToken, createUser, TestUser } from '../support/auth-helpers';
import { freePort } from '../../../ops/dev-services/free-port';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { FAST_HASHING } from './support/fixtures';
import { Answer, expectProblem, send } from './support/http';

/**
 * OWASP API8:2023 Security Misconfiguration: security headers on every kind of answer, no
 * framework fingerprints, errors (5xx included) that say nothing about the internals, cache
 * directives on answers carrying credentials, CORS that opens only to configured origins, and
 * no methods, files or endpoints beyond the ones the API means to serve.
 */
const ALLOWED_ORIGIN = 'https://ui.example.com';

/** What an error body must never contain: stack frames, source paths, SQL, driver errors. */
const INTERNALS: Array<[string, RegExp]> = [
  ['a stack frame', /\bat [\w.<>]+ \(|\n\s+at /],
  ['a source path', /\.(ts|js):\d+|node_modules|\/work\/|\/home\/|\/usr\//],
  ['SQL', /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/i],
  ['a driver or ORM error', /QueryFailedError|TypeORM|EntityNotFound|ECONNREFUSED|ETIMEDOUT|pg_/i],
  ['a Postgres error code or message', /\b(23503|22P02|42P01)\b|violates|relation "/],
  ['an exception class name', /\b\w+(Exception|Error)\b/],
];

function expectNoInternals(what: string, answer: Answer) {
  for (const [name, pattern] of INTERNALS) {
    expect({ what, leaks: name, found: pattern.exec(answer.text)?.[0] ?? null }).toEqual({
      what,
      leaks: name,
      found: null,
    });
  }
}

/** A raw HTTP/1.1 request (fetch refuses TRACE and TRACK). */
function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('OWASP API8: security misconfiguration (e2e)', () => {
  describe('with CORS_ORIGINS configured', () => {
    let app: TestApp;
    let user: TestUser;
    beforeAll(async () => {
      app = await startTestApp({
        configOverrides: { ...FAST_HASHING, CORS_ORIGINS: ALLOWED_ORIGIN },
      });
      user = await createUser(app);
    });
    afterAll(() => app.close());

    describe('security headers', () => {
      const kinds: Array<[string, () => Promise<Answer>]> = [
        ['a public JSON answer', () => send(app.baseUrl, 'GET', '/api/v1/health/live')],
        [
          'an authenticated JSON answer',
          () => send(app.baseUrl, 'GET', '/api/v1/users/me', { token: user.accessToken }),
        ],
        ['a 401 problem', () => send(app.baseUrl, 'GET', '/api/v1/users/me')],
        ['a 404 problem', () => send(app.baseUrl, 'GET', '/api/v1/no-such-route')],
        [
          'a 400 validation problem',
          () => send(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: 1 } }),
        ],
        [
          'a 413 problem (raised before routing)',
          () =>
            send(app.baseUrl, 'POST', '/api/v1/auth/login', {
              rawBody: JSON.stringify({ pad: 'a'.repeat(200_000) }),
            }),
        ],
        ['the OpenAPI document', () => send(app.baseUrl, 'GET', '/api/v1/openapi.json')],
        ['the Swagger UI page', () => send(app.baseUrl, 'GET', '/api/docs')],
      ];

      it.each(kinds)('on %s', async (_kind, get) => {
        const answer = await get();
        const header = (name: string) => answer.headers.get(name);
        const csp = header('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toMatch(/frame-ancestors '(self|none)'/);
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("base-uri 'self'");
        expect(header('x-content-type-options')).toBe('nosniff');
        expect(header('x-frame-options')).toMatch(/^(SAMEORIGIN|DENY)$/);
        expect(header('referrer-policy')).toBe('no-referrer');
        // At least 180 days, subdomains included (helmet's default is a year).
        const hsts = header('strict-transport-security') ?? '';
        expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(15_552_000);
        expect(hsts).toContain('includeSubDomains');
        expect(header('cross-origin-opener-policy')).toBe('same-origin');
        expect(header('cross-origin-resource-policy')).toBe('same-origin');
        expect(header('x-permitted-cross-domain-policies')).toBe('none');
        // No fingerprints of the stack.
        expect(header('x-powered-by')).toBeNull();
        expect(header('server')).toBeNull();
        expect(header('x-request-id')).toBeTruthy();
      });

      it('sends JSON and problems with their exact media type, so nothing is sniffed as HTML', async () => {
        const json = await send(app.baseUrl, 'GET', '/api/v1/health/live');
        expect(json.headers.get('content-type')).toMatch(/^application\/json; charset=utf-8$/);
        const problem = await send(app.baseUrl, 'GET', '/api/v1/<script>alert(1)</script>');
        expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      });

      it('marks answers that carry credentials as not to be stored', async () => {
        const login = await send(app.baseUrl, 'POST', '/api/v1/auth/login', {
          body: { email: user.email, password: user.password },
        });
        expect(login.status).toBe(200);
        const token = await send(app.baseUrl, 'POST', '/api/v1/auth/tokens', {
          token: user.accessToken,
          body: { name: 'cache check', scopes: ['tasks:read'] },
        });
        expect(token.status).toBe(201);
        for (const [what, answer] of [
          ['login', login],
          ['createApiToken', token],
        ] as const) {
          expect({ what, cacheControl: answer.headers.get('cache-control') }).toEqual({
            what,
            cacheControl: 'no-store',
          });
        }
      });
    });

    describe('errors say nothing about the internals', () => {
      it('for every kind of client error', async () => {
        const token = user.accessToken;
        const other = await createUser(app);
        const { token: apiToken } = await createApiToken(app, other, ['tasks:read']);
        const provocations: Array<[string, Promise<Answer>]> = [
          [
            'malformed JSON',
            send(app.baseUrl, 'POST', '/api/v1/tasks', { token, rawBody: '{"title": ' }),
          ],
          [
            'wrong types',
            send(app.baseUrl, 'POST', '/api/v1/tasks', { token, body: { title: {} } }),
          ],
          [
            'an id that is no UUID',
            send(app.baseUrl, 'GET', "/api/v1/tasks/1' OR '1'='1", { token }),
          ],
          [
            'an unknown enum',
            send(app.baseUrl, 'GET', '/api/v1/tasks?status=; DROP TABLE tasks', { token }),
          ],
          [
            'an edited cursor',
            send(app.baseUrl, 'GET', '/api/v1/tasks?cursor=eyJ4IjoxfQ', { token }),
          ],
          [
            'a date that is no date',
            send(app.baseUrl, 'GET', '/api/v1/tasks?dueBefore=2026-13-45T99:00:00Z', { token }),
          ],
          [
            'a foreign key violation (unknown assignee)',
            send(app.baseUrl, 'POST', '/api/v1/tasks', {
              token,
              body: { title: 't', assigneeId: randomUUID() },
            }),
          ],
          ['an unknown route', send(app.baseUrl, 'GET', '/api/v1/../../etc/passwd')],
          ['a wrong method', send(app.baseUrl, 'PUT', '/api/v1/tasks', { token, body: {} })],
          [
            'an unsupported media type',
            send(app.baseUrl, 'POST', '/api/v1/tasks', {
              token,
              rawBody: '<task/>',
              headers: { 'Content-Type': 'application/xml' },
            }),
          ],
          ['a forged token', send(app.baseUrl, 'GET', '/api/v1/tasks', { token: 'eyJ.eyJ.sig' })],
          [
            'a token without the scope',
            send(app.baseUrl, 'POST', '/api/v1/tasks', { token: apiToken, body: { title: 't' } }),
          ],
          ['a NUL character', send(app.baseUrl, 'GET', '/api/v1/tasks?q=%00', { token })],
          [
            'broken percent-encoding',
            send(app.baseUrl, 'GET', '/api/v1/tasks/%E0%A4%A', { token }),
          ],
        ];
        for (const [what, pending] of provocations) {
          const answer = await pending;
          expect({ what, clientError: answer.status >= 400 && answer.status < 500 }).toEqual({
            what,
            clientError: true,
          });
          expectProblem(answer, answer.status);
          expectNoInternals(what, answer);
        }
      });
    });

    describe('CORS', () => {
      const FOREIGN = [
        'https://evil.example.net',
        'null',
        'http://ui.example.com', // another scheme is another origin
        'https://ui.example.com.evil.net', // suffix trick
        'https://evilui.example.com',
        'https://ui.example.com:8443',
      ];

      it('grants the configured origin, with credentials, and exposes only chosen headers', async () => {
        const answer = await send(app.baseUrl, 'GET', '/api/v1/users/me', {
          token: user.accessToken,
          headers: { Origin: ALLOWED_ORIGIN },
        });
        expect(answer.status).toBe(200);
        expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
        expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
        expect(answer.headers.get('vary')).toMatch(/origin/i);
        const preflight = await send(app.baseUrl, 'OPTIONS', '/api/v1/tasks', {
          headers: {
            Origin: ALLOWED_ORIGIN,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'authorization,content-type',
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
        expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
        expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
          'authorization',
        );
      });

      it.each(FOREIGN)(
        'grants nothing to %s, neither on a request nor on a preflight',
        async (origin) => {
          const answer = await send(app.baseUrl, 'GET', '/api/v1/users/me', {
            token: user.accessToken,
            headers: { Origin: origin },
          });
          const preflight = await send(app.baseUrl, 'OPTIONS', '/api/v1/tasks', {
            headers: {
              Origin: origin,
              'Access-Control-Request-Method': 'DELETE',
              'Access-Control-Request-Headers': 'authorization',
            },
          });
          for (const response of [answer, preflight]) {
            expect(response.headers.get('access-control-allow-origin')).toBeNull();
            expect(response.headers.get('access-control-allow-credentials')).toBeNull();
            expect(response.headers.get('access-control-allow-methods')).toBeNull();
          }
        },
      );

      it('answers an OPTIONS without Origin (no preflight) with a 400 problem', async () => {
        const answer = await send(app.baseUrl, 'OPTIONS', '/api/v1/tasks');
        expectProblem(answer, 400);
        expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      });

      it('refuses the cookie routes to a foreign Origin (CSRF), allows the configured one', async () => {
        const refresh = (origin: string) =>
          send(app.baseUrl, 'POST', '/api/v1/auth/refresh', {
            headers: {
              Origin: origin,
              Cookie: `tt_refresh=${encodeURIComponent(user.refreshToken)}`,
            },
          });
        expectProblem(await refresh('https://evil.example.net'), 403);
        expect((await refresh(ALLOWED_ORIGIN)).status).toBe(200);
      });
    });

    describe('only what the API means to serve', () => {
      it.each(['TRACE', 'TRACK'])('refuses %s without echoing the request', async (method) => {
        const secret = `secret-${randomUUID()}`;
        const answer = await rawRequest(app.baseUrl, method, '/api/v1/health/live', {
          'X-Probe': secret,
          Cookie: `tt_refresh=${secret}`,
          Authorization: `Bearer ${secret}`,
        });
        // TRACE reaches routing (404); TRACK is refused by Node's HTTP parser (400).
        expect([400, 404, 405, 501]).toContain(answer.status);
        expect(answer.text).not.toContain(secret);
        expect(answer.text).not.toMatch(/x-probe/i);
      });

      it.each([
        '/package.json',
        '/.env',
        '/.env.example',
        '/.git/config',
        '/api/v1/../../package.json',
        '/%2e%2e/%2e%2e/package.json',
        '/api/docs/../../package.json',
        '/api/v1/auth/jwks.json/../../../../.data/jwt/signing-key.pem',
      ])('serves no project file: %s', async (path) => {
        const answer = await send(app.baseUrl, 'GET', path);
        expect(answer.status).toBe(404);
        expect(answer.text).not.toMatch(/"name":\s*"tasktrackr"|PRIVATE KEY|DATABASE_URL|\[core\]/);
      });

      it('publishes no private key material in the JWKS', async () => {
        const jwks = await send(app.baseUrl, 'GET', '/api/v1/auth/jwks.json');
        const keys = (jwks.json as { keys: Array<Record<string, unknown>> }).keys;
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
        }
      });

      it('metrics carry route templates, never request data (ids, paths, users)', async () => {
        const probe = randomUUID();
        await send(app.baseUrl, 'GET', `/api/v1/tasks/${probe}`, { token: user.accessToken });
        await send(app.baseUrl, 'GET', `/api/v1/unknown-${probe}`);
        const metrics = await send(app.baseUrl, 'GET', '/metrics');
        expect(metrics.status).toBe(200);
        expect(metrics.text).toContain('route="/api/v1/tasks/:id"');
        for (const value of [probe, user.userId, user.email, user.accessToken]) {
          expect(metrics.text).not.toContain(value);
        }
      });
    });
  });

  describe('with the defaults: no CORS_ORIGINS, Swagger UI off', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ configOverrides: { SWAGGER_UI_ENABLED: 'false' } });
    });
    afterAll(() => app.close());

    it('sends no CORS header to any origin (same origin only)', async () => {
      for (const origin of [ALLOWED_ORIGIN, 'https://evil.example.net', 'null']) {
        const answer = await send(app.baseUrl, 'GET', '/api/v1/health/live', {
          headers: { Origin: origin },
        });
        const preflight = await send(app.baseUrl, 'OPTIONS', '/api/v1/tasks', {
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
        });
        for (const response of [answer, preflight]) {
          for (const name of [...response.headers.keys()]) {
            expect({ origin, name }).toEqual({
              origin,
              name: expect.not.stringMatching(/^access-control-/) as string,
            });
          }
        }
        expect(preflight.status).toBeGreaterThanOrEqual(400);
      }
    });

    it('turns Swagger UI off while the contract stays published', async () => {
      expect((await send(app.baseUrl, 'GET', '/api/docs')).status).toBe(404);
      expect((await send(app.baseUrl, 'GET', '/api/v1/openapi.json')).status).toBe(200);
    });
  });

  describe('when Postgres and Redis are unreachable', () => {
    let app: TestApp;
    let proxies: { postgres: TcpProxy; redis: TcpProxy };
    let user: TestUser;

    /** A loopback proxy in front of `url`'s server, and `url` pointed at the proxy. */
    async function proxied(url: string): Promise<{ proxy: TcpProxy; url: string }> {
      const real = new URL(url);
      const proxy = new TcpProxy(await freePort(), {
        host: real.hostname,
        port: Number(real.port),
      });
      await proxy.open();
      const viaProxy = new URL(real);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      return { proxy, url: viaProxy.toString() };
    }

    beforeAll(async () => {
      const postgres = await proxied(process.env.DATABASE_URL ?? '');
      const redis = await proxied(process.env.REDIS_URL ?? '');
      proxies = { postgres: postgres.proxy, redis: redis.proxy };
      app = await startTestApp({
        configOverrides: {
          ...FAST_HASHING,
          DATABASE_URL: postgres.url,
          REDIS_URL: redis.url,
          DATABASE_CONNECT_TIMEOUT_MS: '500',
          HEALTH_CHECK_TIMEOUT_MS: '500',
        },
      });
      user = await createUser(app);
    });
    afterAll(async () => {
      await app.close();
      await proxies.postgres.cut();
      await proxies.redis.cut();
    });

    it('fails closed with problems that name no host, port, credential, driver or query', async () => {
      await proxies.postgres.cut();
      await proxies.redis.cut();
      try {
        await expectOutageAnswersClean();
      } finally {
        // Back before the app closes: closing its queues needs Redis.
        await proxies.postgres.open();
        await proxies.redis.open();
        await waitFor(
          async () =>
            (await send(app.baseUrl, 'GET', '/api/v1/health/ready')).status === 200
              ? true
              : undefined,
          20_000,
          'Postgres and Redis to be back',
        );
      }
    });

    async function expectOutageAnswersClean() {
      const database = new URL(process.env.DATABASE_URL ?? '');
      const answers: Array<[string, Answer, number[]]> = [
        // The session cannot be checked, so the token is not accepted (the guard answers 401).
        [
          'authenticated read',
          await send(app.baseUrl, 'GET', '/api/v1/tasks', { token: user.accessToken }),
          [401, 500, 503],
        ],
        [
          'sign-in',
          await send(app.baseUrl, 'POST', '/api/v1/auth/login', {
            body: { email: user.email, password: user.password },
          }),
          [500, 503],
        ],
        ['readiness', await send(app.baseUrl, 'GET', '/api/v1/health/ready'), [503]],
      ];
      for (const [what, answer, statuses] of answers) {
        expect({ what, status: statuses.includes(answer.status) }).toEqual({ what, status: true });
        expectProblem(answer, answer.status);
        expectNoInternals(what, answer);
        // (Not the user name: `postgres` is also the name of a readiness check.)
        for (const secret of [
          String(proxies.postgres.port),
          String(proxies.redis.port),
          database.password,
          database.pathname.slice(1),
        ]) {
          if (secret.length >= 3) {
            expect({ what, leaked: answer.text.includes(secret) }).toEqual({ what, leaked: false });
          }
        }
      }
    }
  });
});
