import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { JwtKeysService } from '../src/auth/jwt-keys.service';
import { encodeCursor } from '../src/common/pagination/cursor';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * Issue #15, input hardening at the edge: hostile input is a 4xx problem on every route, never
 * a 500. Raw fetch throughout, since the SDK's types cannot express these requests.
 */
const ALLOWED_ORIGIN = 'https://ui.example.com';
const PROBLEM = 'https://tasktrackr.dev/problems/';
const NUL = '\u0000';
const LONE = '\uD800';

interface Problem {
  type: string;
  status: number;
  requestId?: string;
  errors?: Array<{ path: string; message: string }>;
}

describe('hostile input (e2e)', () => {
  let app: TestApp;
  let employee: TestUser;
  let admin: TestUser;
  let auditor: TestUser;
  let taskId: string;

  beforeAll(async () => {
    app = await startTestApp({ configOverrides: { CORS_ORIGINS: ALLOWED_ORIGIN } });
    [employee, admin, auditor] = await Promise.all([
      createUser(app),
      createUser(app, { roles: ['admin'] }),
      createUser(app, { roles: ['auditor'] }),
    ]);
    for (const title of ['first', 'second']) {
      const { data } = await employee.client.POST('/api/v1/tasks', { body: { title } });
      taskId = data?.id ?? '';
    }
  });
  afterAll(() => app.close());

  const send = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string } = {},
  ): Promise<{ response: Response; problem: Problem }> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const body =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${app.baseUrl}${path}`, { method, headers, body });
    return { response, problem: (await response.json()) as Problem };
  };

  /** A 400 validation problem (with the request id) naming `path` among its errors. */
  const expectFieldProblem = (
    { response, problem }: { response: Response; problem: Problem },
    path: string,
  ) => {
    expect({ path, status: response.status }).toEqual({ path, status: 400 });
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.type).toBe(`${PROBLEM}validation-error`);
    expect(problem.requestId).toBe(response.headers.get('x-request-id'));
    expect(problem.errors?.map((error) => error.path)).toContain(path);
  };

  describe('NUL and lone surrogates in any string', () => {
    it.each([
      ['NUL', NUL],
      ['a lone surrogate', LONE],
    ])('refuses %s in login and register emails, anonymously', async (_name, bad) => {
      const email = `a${bad}@example.com`;
      expectFieldProblem(
        await send('POST', '/api/v1/auth/login', { body: { email, password: 'x' } }),
        'email',
      );
      expectFieldProblem(
        await send('POST', '/api/v1/auth/register', {
          body: { email, password: `pw-${randomUUID()}`, displayName: 'Eve' },
        }),
        'email',
      );
    });

    it.each([
      ['NUL', NUL],
      ['a lone surrogate', LONE],
    ])('refuses %s in task fields, at any depth, and in a token name', async (_name, bad) => {
      const token = employee.accessToken;
      expectFieldProblem(
        await send('POST', '/api/v1/tasks', { token, body: { title: `t${bad}` } }),
        'title',
      );
      expectFieldProblem(
        await send('PATCH', `/api/v1/tasks/${taskId}`, { token, body: { description: bad } }),
        'description',
      );
      expectFieldProblem(
        await send('POST', '/api/v1/tasks', {
          token,
          body: { title: 'ok', labels: ['fine', bad] },
        }),
        'labels[1]',
      );
      expectFieldProblem(
        await send('POST', '/api/v1/tasks/bulk', {
          token,
          body: { ids: [taskId], changes: { labels: [bad] } },
        }),
        'changes.labels[0]',
      );
      expectFieldProblem(
        await send('POST', '/api/v1/auth/tokens', {
          token,
          body: { name: `n${bad}`, scopes: ['tasks:read'] },
        }),
        'name',
      );
    });

    it('refuses NUL in search, filters, path params and audit filters', async () => {
      const token = employee.accessToken;
      expectFieldProblem(await send('GET', '/api/v1/tasks?q=a%00b', { token }), 'q');
      expectFieldProblem(await send('GET', '/api/v1/tasks?label=%00', { token }), 'label');
      expectFieldProblem(await send('GET', '/api/v1/tasks/%00', { token }), 'id');
      expectFieldProblem(
        await send('GET', '/api/v1/users?email=%00', { token: admin.accessToken }),
        'email',
      );
      for (const filter of ['action', 'targetType', 'targetId', 'actorId']) {
        expectFieldProblem(
          await send('GET', `/api/v1/audit/events?${filter}=x%00`, { token: auditor.accessToken }),
          filter,
        );
      }
      expectFieldProblem(
        await send('POST', '/api/v1/audit/exports', {
          token: auditor.accessToken,
          body: { format: 'jsonl', filters: { action: NUL } },
        }),
        'filters.action',
      );
    });

    it('accepts the same requests without the bad character (the control)', async () => {
      const token = employee.accessToken;
      expect((await send('GET', '/api/v1/tasks?q=ab', { token })).response.status).toBe(200);
      const created = await send('POST', '/api/v1/tasks', { token, body: { title: 'fine 😀' } });
      expect(created.response.status).toBe(201);
    });
  });

  describe('the webhook and audit stream routes', () => {
    it.each([
      ['NUL', NUL],
      ['a lone surrogate', LONE],
    ])('refuses %s in subscription and stream fields', async (_name, bad) => {
      expectFieldProblem(
        await send('POST', '/api/v1/webhooks', {
          token: employee.accessToken,
          body: { url: `https://hooks.example.com/${bad}`, eventTypes: ['task.created'] },
        }),
        'url',
      );
      expectFieldProblem(
        await send('POST', '/api/v1/webhooks', {
          token: employee.accessToken,
          body: { url: 'https://hooks.example.com/in', eventTypes: [`task.created${bad}`] },
        }),
        'eventTypes[0]',
      );
      expectFieldProblem(
        await send('POST', '/api/v1/audit/streams', {
          token: auditor.accessToken,
          body: { name: `s${bad}`, kind: 'file', format: 'jsonl', fileName: 'a.jsonl' },
        }),
        'name',
      );
    });

    it('refuses null where a value is required, and deep JSON, with 400 problems', async () => {
      expectFieldProblem(
        await send('POST', '/api/v1/webhooks', {
          token: employee.accessToken,
          body: { url: 'https://hooks.example.com/in', eventTypes: null },
        }),
        'eventTypes',
      );
      expectFieldProblem(
        await send('POST', '/api/v1/audit/streams', {
          token: auditor.accessToken,
          body: { name: null, kind: 'file', format: 'jsonl', fileName: 'a.jsonl' },
        }),
        'name',
      );
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const [path, token] of [
        ['/api/v1/webhooks', employee.accessToken],
        ['/api/v1/audit/streams', auditor.accessToken],
      ]) {
        const { response, problem } = await send('POST', path, {
          token,
          rawBody: `{"url":${deep}}`,
        });
        expect({ path, status: response.status, type: problem.type }).toEqual({
          path,
          status: 400,
          type: `${PROBLEM}validation-error`,
        });
      }
    });

    it('refuses edited subscription cursors and forged delivery cursors', async () => {
      // Two subscriptions straight into their table (their URLs are no concern here).
      await app.dataSource.query(
        `INSERT INTO webhook_subscriptions (owner_id, url, event_types, secret, cursor_seq)
         SELECT $1, 'https://192.0.2.1/hook', '{task.created}', 'whsec_c2VjcmV0c2VjcmV0', 0
           FROM generate_series(1, 2)`,
        [employee.userId],
      );
      const token = employee.accessToken;
      const { response, problem } = await send('GET', '/api/v1/webhooks?limit=1', { token });
      expect(response.status).toBe(200);
      const page = problem as unknown as { items: Array<{ id: string }>; nextCursor: string };
      const payload = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8')) as {
        f: string;
      };
      for (const key of [
        ['2026-02-30T10:00:00.000Z', page.items[0].id],
        ['2026-01-01T00:00:00.000Z', 'not-a-uuid'],
      ]) {
        const { response: edited, problem: refused } = await send(
          'GET',
          `/api/v1/webhooks?limit=1&cursor=${encodeCursor(payload.f, key)}`,
          { token },
        );
        expect({ key, status: edited.status }).toEqual({ key, status: 400 });
        expect(refused.type).toBe(`${PROBLEM}invalid-cursor`);
      }
      for (const cursor of [encodeCursor('forged', ['1']), 'not base64 at all', NUL]) {
        const { response: forged } = await send(
          'GET',
          `/api/v1/webhooks/${page.items[0].id}/deliveries?cursor=${encodeURIComponent(cursor)}`,
          { token },
        );
        expect({ cursor, status: forged.status }).toEqual({ cursor, status: 400 });
      }
    });
  });

  describe('JSON nesting depth', () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

    it.each([
      ['login', '/api/v1/auth/login', 'email'],
      ['register', '/api/v1/auth/register', 'email'],
      ['task creation', '/api/v1/tasks', 'title'],
    ])('refuses a depth-5000 body on %s with a 400 problem', async (_name, path, field) => {
      const rawBody = `{"${field}":${deep(5000)}}`;
      const { response, problem } = await send('POST', path, {
        token: employee.accessToken,
        rawBody,
      });
      expect(response.status).toBe(400);
      expect(problem.type).toBe(`${PROBLEM}validation-error`);
      expect(problem.errors).toEqual([
        { path: '(body)', message: 'must not nest arrays or objects more than 64 levels deep' },
      ]);
    });

    it('lets 64 levels through to validation', async () => {
      const { response, problem } = await send('POST', '/api/v1/tasks', {
        token: employee.accessToken,
        rawBody: `{"title":"t","labels":${deep(63)}}`,
      });
      expect(response.status).toBe(400);
      expect(problem.errors?.map((error) => error.path)).toContain('labels');
    });
  });

  describe('edited cursors', () => {
    /** The list's real nextCursor with its keyset values replaced (fingerprint kept). */
    const edit = (cursor: string, key: string[]) => {
      const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
        f: string;
      };
      return encodeCursor(payload.f, key);
    };
    const nextCursorOf = async (path: string, token: string) => {
      const { response, problem } = await send('GET', path, { token });
      expect(response.status).toBe(200);
      const cursor = (problem as unknown as { nextCursor: string | null }).nextCursor;
      return cursor ?? undefined;
    };
    const expectInvalidCursor = async (path: string, token: string) => {
      const { response, problem } = await send('GET', path, { token });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(problem.type).toBe(`${PROBLEM}invalid-cursor`);
    };

    it('refuses edited task cursors, for every sort', async () => {
      const token = employee.accessToken;
      for (const [sort, badKeys] of [
        ['-createdAt', ['2026-02-30 10:00:00+00', '9999-99-99', 'yesterday']],
        ['dueAt', ['2026-13-01T00:00:00Z', 'forever']],
        ['priority', ['extreme', '42']],
      ] as const) {
        const cursor = await nextCursorOf(`/api/v1/tasks?limit=1&sort=${sort}`, token);
        expect(cursor).toBeDefined();
        for (const bad of badKeys) {
          await expectInvalidCursor(
            `/api/v1/tasks?limit=1&sort=${sort}&cursor=${edit(cursor ?? '', [bad, taskId])}`,
            token,
          );
        }
        await expectInvalidCursor(
          `/api/v1/tasks?limit=1&sort=${sort}&cursor=${edit(cursor ?? '', ['2026-01-01T00:00:00Z', 'not-a-uuid'])}`,
          token,
        );
      }
    });

    it('refuses edited user cursors', async () => {
      const token = admin.accessToken;
      const cursor = await nextCursorOf('/api/v1/users?limit=1', token);
      expect(cursor).toBeDefined();
      for (const key of [
        ['2026-02-30T10:00:00.000Z', admin.userId],
        ['0000-01-01T00:00:00.000Z', admin.userId],
        ['2026-01-01T00:00:00.000Z', 'admin'],
      ]) {
        await expectInvalidCursor(`/api/v1/users?limit=1&cursor=${edit(cursor ?? '', key)}`, token);
      }
    });

    it('refuses edited audit event cursors', async () => {
      const token = auditor.accessToken;
      const { value: cursor } = await waitFor(
        () => nextCursorOf('/api/v1/audit/events?limit=1', token),
        30_000,
        'two sealed audit events',
      );
      for (const seq of ['abc', '1.5', '-1', '99999999999999999999', '2026-01-01']) {
        await expectInvalidCursor(
          `/api/v1/audit/events?limit=1&cursor=${edit(cursor, [seq])}`,
          token,
        );
      }
    });
  });

  describe('null where a value is required', () => {
    it.each(['status', 'priority', 'labels'])('refuses null bulk changes.%s', async (field) => {
      expectFieldProblem(
        await send('POST', '/api/v1/tasks/bulk', {
          token: employee.accessToken,
          body: { ids: [taskId], changes: { [field]: null } },
        }),
        `changes.${field}`,
      );
    });

    it('refuses null roles and disabled on PATCH /users/{id}', async () => {
      for (const field of ['roles', 'disabled']) {
        expectFieldProblem(
          await send('PATCH', `/api/v1/users/${employee.userId}`, {
            token: admin.accessToken,
            body: { [field]: null },
          }),
          field,
        );
      }
    });

    it('still lets null clear a nullable field (assigneeId)', async () => {
      const { response } = await send('POST', '/api/v1/tasks/bulk', {
        token: employee.accessToken,
        body: { ids: [taskId], changes: { assigneeId: null } },
      });
      expect(response.status).toBe(200);
    });
  });

  describe("Fastify's own 4xx answers", () => {
    const expectProblem = (response: Response, status: number, body: string) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = JSON.parse(body) as Problem;
      expect(problem.status).toBe(status);
      expect(problem.requestId).toBe(response.headers.get('x-request-id'));
      expect(problem.requestId).toBeTruthy();
    };

    it('answers oversized headers with a 431 problem', async () => {
      const response = await fetch(`${app.baseUrl}/api/v1/health/live`, {
        headers: { 'X-Padding': 'a'.repeat(20_000) },
      });
      expectProblem(response, 431, await response.text());
    });

    it('answers an over-long path parameter with a problem, never plain JSON', async () => {
      // Fastify answers 414 itself only when no other route matches; here the catch-all does.
      const response = await fetch(`${app.baseUrl}/api/v1/tasks/${'a'.repeat(500)}`, {
        headers: { Authorization: `Bearer ${employee.accessToken}` },
      });
      expect([404, 414]).toContain(response.status);
      expectProblem(response, response.status, await response.text());
    });

    it('answers OPTIONS without Origin with a 400 problem', async () => {
      const cases: Array<Record<string, string>> = [{ 'Access-Control-Request-Method': 'GET' }, {}];
      for (const headers of cases) {
        const response = await fetch(`${app.baseUrl}/api/v1/tasks`, { method: 'OPTIONS', headers });
        expectProblem(response, 400, await response.text());
      }
    });

    it('sends CORS credentials only to an allowed origin', async () => {
      const get = (headers: Record<string, string>) =>
        fetch(`${app.baseUrl}/api/v1/health/live`, { headers });
      const allowed = await get({ Origin: ALLOWED_ORIGIN });
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      const others: Array<Record<string, string>> = [{ Origin: 'https://evil.example.net' }, {}];
      for (const headers of others) {
        const response = await get(headers);
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  describe('access token claims', () => {
    it('refuses a token signed with our key but lacking exp or iat', async () => {
      const payload = JSON.parse(
        Buffer.from(employee.accessToken.split('.')[1] ?? '', 'base64url').toString(),
      ) as { sub: string; sid: string };
      const { kid, privatePem } = app.app.get(JwtKeysService).signingKey;
      const jwt = new JwtService({});
      const sign = (options: { expiresIn?: number; noTimestamp?: boolean }) =>
        jwt.sign(
          { sub: payload.sub, sid: payload.sid },
          {
            algorithm: 'RS256',
            privateKey: privatePem,
            keyid: kid,
            issuer: 'tasktrackr',
            audience: 'tasktrackr-api',
            ...options,
          },
        );
      const me = async (token: string) =>
        (await send('GET', '/api/v1/users/me', { token })).response;
      // The control: the same construction with every claim is accepted.
      expect((await me(sign({ expiresIn: 900 }))).status).toBe(200);
      const noExp = await me(sign({}));
      expect(noExp.status).toBe(401);
      expect(noExp.headers.get('content-type')).toContain('application/problem+json');
      expect((await me(sign({ expiresIn: 900, noTimestamp: true }))).status).toBe(401);
    });

    it('still accepts API tokens (not JWTs)', async () => {
      const { token } = await createApiToken(app, employee, ['tasks:read']);
      expect((await send('GET', '/api/v1/tasks', { token })).response.status).toBe(200);
    });
  });
});
