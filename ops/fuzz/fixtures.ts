import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsersService } from '../../api/src/users';

/** A caller the fuzzer can act as: the `Authorization` header it sends. */
export interface FuzzPrincipal {
  name: string;
  authorization: string;
  via: 'session' | 'apiToken';
}

/** Ids of rows that exist, so `{id}` routes and id fields sometimes reach real data. */
export interface IdPools {
  tasks: string[];
  /** Every fixture user (assignees, audit actor filters). */
  users: string[];
  /** Users the fuzzer may change or disable: never one it acts as. */
  victims: string[];
  /** Spare sessions and tokens, which the fuzzer may revoke without losing a principal. */
  sessions: string[];
  tokens: string[];
  exports: string[];
}

/** A `nextCursor` the API issued, with the query it belongs to. */
export interface IssuedCursor {
  operationId: string;
  /** The concrete path the cursor was issued for (list routes with a path id). */
  path: string;
  query: Array<[string, string]>;
  cursor: string;
}

export interface Fixtures {
  principals: FuzzPrincipal[];
  /** A real access token, from which forged variants are derived. */
  sampleJwt: string;
  /** Working sign-in credentials (until the fuzzer changes a password or disables a user). */
  credentials: Array<{ email: string; password: string }>;
  ids: IdPools;
  cursors: IssuedCursor[];
  /** `tt_refresh` cookie values of spare sessions. */
  refreshCookies: string[];
}

interface Reply<T> {
  status: number;
  body: T;
  setCookies: string[];
}

/** Setup talks to the API over HTTP like any client; a wrong status aborts the run. */
class SetupClient {
  constructor(private readonly baseUrl: string) {}

  async call<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; expect: number },
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    if (response.status !== options.expect) {
      throw new Error(
        `Fuzz setup: ${method} ${path} answered ${response.status}, expected ${options.expect}: ${text.slice(0, 500)}`,
      );
    }
    return {
      status: response.status,
      body: (text === '' ? undefined : JSON.parse(text)) as T,
      setCookies: response.headers.getSetCookie(),
    };
  }

  async login(email: string, password: string): Promise<{ accessToken: string; cookie: string }> {
    const reply = await this.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      body: { email, password },
      expect: 200,
    });
    const cookie = reply.setCookies
      .map((line) => line.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('tt_refresh='));
    if (cookie === undefined) throw new Error('Fuzz setup: login set no tt_refresh cookie');
    return { accessToken: reply.body.accessToken, cookie };
  }
}

const SETUP_PASSWORD = () => `fuzz-${randomUUID()}`;

/**
 * The world the fuzzer acts in: an admin (created through UsersService, as `npm run
 * user:create` does: nobody can sign up as admin), then over HTTP an employee, an auditor and
 * two victim users, their sessions, API tokens with scopes, tasks (one soft-deleted), audit
 * exports, and real cursors. Costs about ten argon2 hashes.
 */
export async function createFixtures(
  app: INestApplicationContext,
  baseUrl: string,
): Promise<Fixtures> {
  const api = new SetupClient(baseUrl);
  const password = {
    admin: SETUP_PASSWORD(),
    employee: SETUP_PASSWORD(),
    auditor: SETUP_PASSWORD(),
    victim: SETUP_PASSWORD(),
  };
  const email = (who: string) => `fuzz-${who}-${randomUUID().slice(0, 8)}@example.com`;
  const adminEmail = email('admin');
  const admin = await app.get(DataSource).transaction((manager) =>
    app.get(UsersService).create(
      manager,
      { email: adminEmail, password: password.admin, displayName: 'Fuzz Admin', roles: ['admin'] },
      {
        action: 'user.created',
        actor: { type: 'system', id: null, display: 'ops:fuzz' },
        context: { ip: null, userAgent: 'ops:fuzz', requestId: null },
      },
    ),
  );
  const adminSession = await api.login(adminEmail, password.admin);

  const createUser = async (who: string, roles: string[], pw: string) => {
    const address = email(who);
    const reply = await api.call<{ id: string }>('POST', '/api/v1/users', {
      token: adminSession.accessToken,
      body: { email: address, password: pw, displayName: `Fuzz ${who}`, roles },
      expect: 201,
    });
    return { id: reply.body.id, email: address, password: pw };
  };
  const [employee, auditor, victimA, victimB] = await Promise.all([
    createUser('employee', ['employee'], password.employee),
    createUser('auditor', ['auditor'], password.auditor),
    createUser('victim-a', ['employee'], password.victim),
    createUser('victim-b', ['employee', 'auditor'], password.victim),
  ]);
  const [employeeSession, auditorSession, spareSession] = await Promise.all([
    api.login(employee.email, employee.password),
    api.login(auditor.email, auditor.password),
    api.login(employee.email, employee.password),
  ]);

  const token = async (sessionToken: string, name: string, scopes: string[]) =>
    (
      await api.call<{ id: string; token: string }>('POST', '/api/v1/auth/tokens', {
        token: sessionToken,
        body: { name, scopes },
        expect: 201,
      })
    ).body;
  const employeeToken = await token(employeeSession.accessToken, 'fuzz tasks', [
    'tasks:read',
    'tasks:write',
  ]);
  const readOnlyToken = await token(employeeSession.accessToken, 'fuzz read', ['tasks:read']);
  const auditorToken = await token(auditorSession.accessToken, 'fuzz audit', [
    'audit:read',
    'audit:export',
  ]);
  const adminToken = await token(adminSession.accessToken, 'fuzz admin', [
    'tasks:read',
    'tasks:write',
    'audit:read',
    'audit:export',
  ]);
  const spareToken = await token(employeeSession.accessToken, 'fuzz spare', ['tasks:read']);
  const revokedToken = await token(employeeSession.accessToken, 'fuzz revoked', ['tasks:read']);
  await api.call('DELETE', `/api/v1/auth/tokens/${revokedToken.id}`, {
    token: employeeSession.accessToken,
    expect: 204,
  });

  const task = async (sessionToken: string, body: Record<string, unknown>) =>
    (
      await api.call<{ id: string }>('POST', '/api/v1/tasks', {
        token: sessionToken,
        body,
        expect: 201,
      })
    ).body.id;
  const tasks = [
    await task(employeeSession.accessToken, { title: 'Fuzz: plain' }),
    await task(employeeSession.accessToken, {
      title: 'Fuzz: full',
      description: 'Every field set',
      status: 'in_progress',
      priority: 'urgent',
      dueAt: '2030-01-01T09:00:00.000Z',
      labels: ['fuzz', 'q4'],
      assigneeId: employee.id,
    }),
    await task(employeeSession.accessToken, {
      title: 'Fuzz: overdue',
      dueAt: '2001-01-01T00:00:00Z',
    }),
    await task(employeeSession.accessToken, { title: 'Fuzz: done', status: 'done' }),
    await task(employeeSession.accessToken, { title: 'Fuzz: deleted' }),
    await task(adminSession.accessToken, { title: 'Fuzz: admin', assigneeId: employee.id }),
    await task(adminSession.accessToken, { title: 'Fuzz: admin only', priority: 'low' }),
  ];
  await api.call('DELETE', `/api/v1/tasks/${tasks[4]}`, {
    token: employeeSession.accessToken,
    expect: 204,
  });

  const exportIds = [];
  for (const body of [{ format: 'jsonl' }, { format: 'csv', filters: { action: 'task.' } }]) {
    exportIds.push(
      (
        await api.call<{ id: string }>('POST', '/api/v1/audit/exports', {
          token: auditorSession.accessToken,
          body,
          expect: 202,
        })
      ).body.id,
    );
  }

  const sessions = await api.call<Array<{ id: string; current: boolean }>>(
    'GET',
    '/api/v1/auth/sessions',
    { token: employeeSession.accessToken, expect: 200 },
  );

  return {
    principals: [
      { name: 'employee', authorization: `Bearer ${employeeSession.accessToken}`, via: 'session' },
      { name: 'admin', authorization: `Bearer ${adminSession.accessToken}`, via: 'session' },
      { name: 'auditor', authorization: `Bearer ${auditorSession.accessToken}`, via: 'session' },
      { name: 'employee-token', authorization: `Bearer ${employeeToken.token}`, via: 'apiToken' },
      { name: 'read-only-token', authorization: `Bearer ${readOnlyToken.token}`, via: 'apiToken' },
      { name: 'auditor-token', authorization: `Bearer ${auditorToken.token}`, via: 'apiToken' },
      { name: 'admin-token', authorization: `Bearer ${adminToken.token}`, via: 'apiToken' },
      { name: 'revoked-token', authorization: `Bearer ${revokedToken.token}`, via: 'apiToken' },
    ],
    sampleJwt: employeeSession.accessToken,
    credentials: [
      { email: employee.email, password: employee.password },
      { email: auditor.email, password: auditor.password },
      { email: adminEmail, password: password.admin },
      { email: victimA.email, password: victimA.password },
    ],
    ids: {
      tasks,
      users: [admin.id, employee.id, auditor.id, victimA.id, victimB.id],
      victims: [victimA.id, victimB.id],
      sessions: sessions.body.filter((session) => !session.current).map((session) => session.id),
      tokens: [spareToken.id, revokedToken.id],
      exports: exportIds,
    },
    cursors: await issuedCursors(api, {
      employee: employeeSession.accessToken,
      admin: adminSession.accessToken,
      auditor: auditorSession.accessToken,
      taskId: tasks[1] ?? '',
    }),
    refreshCookies: [spareSession.cookie],
  };
}

/**
 * Real `nextCursor`s for each list and sort, so edited cursors keep a valid fingerprint and
 * reach the key checks. Audit and history lists page sealed events only, which the audit
 * worker seals within a second or two: waited for briefly, skipped if still empty.
 */
async function issuedCursors(
  api: SetupClient,
  tokens: { employee: string; admin: string; auditor: string; taskId: string },
): Promise<IssuedCursor[]> {
  const lists: Array<Omit<IssuedCursor, 'cursor'> & { token: string }> = [
    ...['-createdAt', 'createdAt', 'dueAt', '-dueAt', 'priority', '-priority'].map((sort) => ({
      operationId: 'listTasks',
      path: '/api/v1/tasks',
      query: [
        ['limit', '1'],
        ['sort', sort],
      ] as Array<[string, string]>,
      token: tokens.employee,
    })),
    {
      operationId: 'listUsers',
      path: '/api/v1/users',
      query: [['limit', '1']],
      token: tokens.admin,
    },
    {
      operationId: 'listAuditEvents',
      path: '/api/v1/audit/events',
      query: [['limit', '1']],
      token: tokens.auditor,
    },
    {
      operationId: 'getTaskHistory',
      path: `/api/v1/tasks/${tokens.taskId}/history`,
      query: [['limit', '1']],
      token: tokens.employee,
    },
  ];
  const cursors: IssuedCursor[] = [];
  const deadline = Date.now() + 10_000;
  for (const { token, ...list } of lists) {
    const url = `${list.path}?${new URLSearchParams(list.query).toString()}`;
    for (;;) {
      const page = await api.call<{ nextCursor: string | null }>('GET', url, {
        token,
        expect: 200,
      });
      if (page.body.nextCursor !== null) {
        cursors.push({ ...list, cursor: page.body.nextCursor });
        break;
      }
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return cursors;
}
