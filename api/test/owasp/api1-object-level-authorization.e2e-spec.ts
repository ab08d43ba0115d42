import { randomUUID } from 'node:crypto';
import { createApiToken, createUser, TestUser } from '../support/auth-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { FAST_HASHING } from './support/fixtures';
import { Answer, expectProblem, PROBLEM_TYPE_BASE, send, stableProblem } from './support/http';
import {
  describeOperation,
  exampleBody,
  fillPath,
  SpecOperation,
  specOperations,
} from './support/spec-operations';

/**
 * OWASP API1:2023 Broken Object Level Authorization: for every operation
 * whose path names an object (`{id}`), taken from the spec, a real object of user A is created,
 * user B (same role as A) tries the operation on it, and gets the documented refusal while A's
 * object stays exactly as it was. A case per operation is required: a new `{id}` route fails
 * the coverage test until it gets one here.
 *
 * Refusals are 404 (never 403: that would confirm the object exists), and B's 404 for A's object
 * must be the very answer B gets for an id that exists nowhere. Where the operation is gated by a
 * role B lacks, the documented refusal is that 403 (API5 covers it for every operation).
 */
const idOperations = specOperations().filter((op) => op.pathParams.includes('id'));

/** A credential of user B: their session, or their API token where the route accepts tokens. */
interface Credential {
  label: string;
  token: string;
}

interface Context {
  op: SpecOperation;
}

/** The task row as stored, to prove it unchanged (updated_at and version included). */
async function taskRow(app: TestApp, id: string): Promise<Record<string, unknown>> {
  const [row] = await app.dataSource.query<Array<Record<string, unknown>>>(
    `SELECT title, description, status, priority, due_at, assignee_id, labels, owner_id,
            created_at, updated_at, completed_at, deleted_at, version
       FROM tasks WHERE id = $1`,
    [id],
  );
  expect(row).toBeDefined();
  return row ?? {};
}

describe('OWASP API1: object level authorization, every {id} operation (e2e)', () => {
  let app: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startTestApp({ configOverrides: FAST_HASHING });
    admin = await createUser(app, { roles: ['admin'] });
  });
  afterAll(() => app.close());

  /** Calls `op` on object `id` the way a client would: the spec's example body, if any. */
  const callOn = (op: SpecOperation, id: string, token: string) =>
    send(app.baseUrl, op.method, fillPath(op, { id }), {
      token,
      body: op.body ? exampleBody(op) : undefined,
    });

  /**
   * B's answer for A's object is a 404 problem, and the same answer (bar request id and URL)
   * as for an id that names nothing: no oracle for which ids exist.
   */
  async function expectNotFoundLikeNothing(op: SpecOperation, id: string, token: string) {
    const foreign = await callOn(op, id, token);
    const problem = expectProblem(foreign, 404);
    expect(problem.type).toBe(`${PROBLEM_TYPE_BASE}not-found`);
    const nothing: Answer = await callOn(op, randomUUID(), token);
    expect(stableProblem(foreign)).toEqual(stableProblem(nothing));
  }

  /** Two employees, and B's credentials: session and a token with every task scope. */
  async function employees(): Promise<{ a: TestUser; b: TestUser; bCredentials: Credential[] }> {
    const a = await createUser(app);
    const b = await createUser(app);
    const { token } = await createApiToken(app, b, ['tasks:read', 'tasks:write']);
    return {
      a,
      b,
      bCredentials: [
        { label: 'session', token: b.accessToken },
        { label: 'API token', token },
      ],
    };
  }

  async function taskOf(user: TestUser, options: { deleted?: boolean } = {}): Promise<string> {
    const created = await send(app.baseUrl, 'POST', '/api/v1/tasks', {
      token: user.accessToken,
      body: { title: `A's private task ${randomUUID()}`, labels: ['secret'] },
    });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    if (options.deleted) {
      const deleted = await send(app.baseUrl, 'DELETE', `/api/v1/tasks/${id}`, {
        token: user.accessToken,
      });
      expect(deleted.status).toBe(204);
    }
    return id;
  }

  /**
   * A task operation: B (session and API token) gets the 404 of a missing task, the row is
   * untouched; then A's own call succeeds (the control: the request itself was fine).
   */
  async function taskCase({ op }: Context, options: { deleted?: boolean; ownerStatus: number }) {
    const { a, bCredentials } = await employees();
    const id = await taskOf(a, options);
    const before = await taskRow(app, id);
    for (const credential of bCredentials) {
      await expectNotFoundLikeNothing(op, id, credential.token);
    }
    expect(await taskRow(app, id)).toEqual(before);
    expect((await callOn(op, id, a.accessToken)).status).toBe(options.ownerStatus);
  }

  /** Every `{id}` operation of the spec, and how its object is protected. */
  const cases: Record<string, (context: Context) => Promise<void>> = {
    getTask: (context) => taskCase(context, { ownerStatus: 200 }),
    updateTask: (context) => taskCase(context, { ownerStatus: 200 }),
    deleteTask: (context) => taskCase(context, { ownerStatus: 204 }),
    restoreTask: (context) => taskCase(context, { deleted: true, ownerStatus: 200 }),
    getTaskHistory: async (context) => {
      // Also after a soft delete: history stays readable to those who could see the task.
      await taskCase(context, { ownerStatus: 200 });
      await taskCase(context, { deleted: true, ownerStatus: 200 });
    },

    revokeSession: async ({ op }) => {
      const { a, b } = await employees();
      await expectNotFoundLikeNothing(op, a.sessionId, b.accessToken);
      const [session] = await app.dataSource.query<Array<{ revoked_at: Date | null }>>(
        'SELECT revoked_at FROM auth_sessions WHERE id = $1',
        [a.sessionId],
      );
      expect(session?.revoked_at).toBeNull();
      expect(
        (await send(app.baseUrl, 'GET', '/api/v1/users/me', { token: a.accessToken })).status,
      ).toBe(200);
      expect((await callOn(op, a.sessionId, a.accessToken)).status).toBe(204);
    },

    revokeApiToken: async ({ op }) => {
      const { a, b } = await employees();
      const aToken = await createApiToken(app, a, ['tasks:read']);
      await expectNotFoundLikeNothing(op, aToken.tokenId, b.accessToken);
      const listTasks = () => send(app.baseUrl, 'GET', '/api/v1/tasks', { token: aToken.token });
      expect((await listTasks()).status).toBe(200);
      expect((await callOn(op, aToken.tokenId, a.accessToken)).status).toBe(204);
      expect((await listTasks()).status).toBe(401);
    },

    updateUser: async ({ op }) => {
      // A user is an object only admins manage: B (an employee, like A) is refused by role, for
      // A's account and for their own (no self-promotion), and A is left as it was.
      const { a, b } = await employees();
      const userRow = async (id: string) =>
        app.dataSource.query<Array<Record<string, unknown>>>(
          'SELECT email, roles, disabled_at, password_hash, updated_at FROM users WHERE id = $1',
          [id],
        );
      const before = await userRow(a.userId);
      for (const body of [{ roles: ['employee', 'admin'] }, { disabled: true }]) {
        for (const target of [a.userId, b.userId]) {
          const answer = await send(app.baseUrl, op.method, fillPath(op, { id: target }), {
            token: b.accessToken,
            body,
          });
          expect(expectProblem(answer, 403).type).toBe(`${PROBLEM_TYPE_BASE}forbidden`);
        }
      }
      expect(await userRow(a.userId)).toEqual(before);
      const control = await send(app.baseUrl, op.method, fillPath(op, { id: a.userId }), {
        token: admin.accessToken,
        body: { disabled: false },
      });
      expect(control.status).toBe(200);
    },

    getWebhookSubscription: (context) => webhookCase(context, { ownerStatus: 200 }),
    updateWebhookSubscription: (context) => webhookCase(context, { ownerStatus: 200 }),
    deleteWebhookSubscription: (context) => webhookCase(context, { ownerStatus: 204 }),
    rotateWebhookSecret: (context) => webhookCase(context, { ownerStatus: 200 }),
    testWebhookSubscription: (context) => webhookCase(context, { ownerStatus: 200 }),
    listWebhookDeliveries: (context) => webhookCase(context, { ownerStatus: 200 }),
    replayWebhookEvents: (context) => webhookCase(context, { ownerStatus: 202 }),
    replayWebhookDelivery: (context) => webhookCase(context, { ownerStatus: 202, delivery: true }),
    getAuditExport: (context) => auditExportCase(context),
    downloadAuditExport: (context) => auditExportCase(context),
    getAuditInclusionProof: (context) => auditProofCase(context),
    getAuditStream: (context) => auditStreamCase(context),
    pauseAuditStream: (context) => auditStreamCase(context),
    resumeAuditStream: (context) => auditStreamCase(context),
  };

  /** A's webhook subscription, written straight to the table (its URL is no concern here). */
  async function webhookOf(user: TestUser): Promise<{ id: string; deliveryId: string }> {
    const [subscription] = await app.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO webhook_subscriptions (owner_id, url, event_types, secret, cursor_seq)
       VALUES ($1, 'https://192.0.2.1/hook', '{task.created}', 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0', 0)
       RETURNING id`,
      [user.userId],
    );
    const [delivery] = await app.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO webhook_deliveries (subscription_id, event_type, body, status)
       VALUES ($1, 'task.created', '{}', 'failed') RETURNING id`,
      [subscription?.id],
    );
    return { id: subscription?.id ?? '', deliveryId: delivery?.id ?? '' };
  }

  /**
   * A webhook subscription operation: B (session; tokens never manage webhooks) gets the 404 of
   * a missing subscription, A's subscription and its log stay as they were; then A's own call
   * succeeds. For a delivery's replay, B names A's real delivery too.
   */
  async function webhookCase(
    { op }: Context,
    options: { ownerStatus: number; delivery?: boolean },
  ) {
    const { a, b } = await employees();
    const { id, deliveryId } = await webhookOf(a);
    const state = () =>
      app.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT s.url, s.secret, s.event_types, s.disabled_at, s.updated_at,
                (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id) AS deliveries
           FROM webhook_subscriptions s WHERE s.id = $1`,
        [id],
      );
    const before = await state();
    const path = (values: Record<string, string>) =>
      fillPath(op, options.delivery ? { deliveryId, ...values } : values);
    const callAs = (target: string, token: string) =>
      send(app.baseUrl, op.method, path({ id: target }), {
        token,
        body: op.body ? exampleBody(op) : undefined,
      });
    const foreign = await callAs(id, b.accessToken);
    expect(expectProblem(foreign, 404).type).toBe(`${PROBLEM_TYPE_BASE}not-found`);
    expect(stableProblem(foreign)).toEqual(
      stableProblem(await callAs(randomUUID(), b.accessToken)),
    );
    expect(await state()).toEqual(before);
    expect((await callAs(id, a.accessToken)).status).toBe(options.ownerStatus);
  }

  /**
   * Audit streams, like exports, belong to the audit function (auditors only, not admins): any
   * auditor may look after any stream; nobody else reaches one (documented 403, also an admin
   * and an API token), and their attempts change nothing.
   */
  async function auditStreamCase({ op }: Context) {
    const a = await createUser(app, { roles: ['auditor'] });
    const otherAuditor = await createUser(app, { roles: ['auditor'] });
    const employee = await createUser(app);
    const auditorToken = await createApiToken(app, a, ['audit:read', 'audit:export']);
    const created = await send(app.baseUrl, 'POST', '/api/v1/audit/streams', {
      token: a.accessToken,
      body: { name: 'A', kind: 'file', format: 'jsonl', fileName: `owasp-${randomUUID()}.jsonl` },
    });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    const streamRow = () =>
      app.dataSource.query<Array<Record<string, unknown>>>(
        'SELECT name, kind, file_name, paused, updated_at FROM audit_streams WHERE id = $1',
        [id],
      );
    const before = await streamRow();
    for (const token of [employee.accessToken, admin.accessToken, auditorToken.token]) {
      const answer = await callOn(op, id, token);
      expect(expectProblem(answer, 403).type).toBe(`${PROBLEM_TYPE_BASE}forbidden`);
      expect(JSON.stringify(stableProblem(answer))).not.toMatch(/owasp-|jsonl|health/);
    }
    expect(await streamRow()).toEqual(before);
    expect((await callOn(op, id, otherAuditor.accessToken)).status).toBe(200);
    expect((await callOn(op, id, a.accessToken)).status).toBe(200);
  }

  /**
   * An inclusion proof names one event of the audit log, which (like exports, below) belongs to
   * the audit function: an employee never gets a proof, not even of an event about their own
   * task, with a session or an API token; any auditor does.
   */
  async function auditProofCase({ op }: Context) {
    const { a, bCredentials } = await employees();
    const auditor = await createUser(app, { roles: ['auditor'] });
    const taskId = await taskOf(a);
    const { value: eventId } = await waitFor(
      async () => {
        const rows = await app.dataSource.query<Array<{ id: string }>>(
          'SELECT id FROM audit_events WHERE target_id = $1 ORDER BY seq LIMIT 1',
          [taskId],
        );
        return rows[0]?.id;
      },
      30_000,
      'the task event to be sealed',
    );
    // The proof is against the newest checkpoint, written within the checkpoint delay.
    await waitFor(
      async () =>
        (await callOn(op, eventId, auditor.accessToken)).status === 200 ? true : undefined,
      30_000,
      'a checkpoint covering the event',
    );
    for (const token of [a.accessToken, ...bCredentials.map((credential) => credential.token)]) {
      const answer = await callOn(op, eventId, token);
      expect(expectProblem(answer, 403).type).toBe(`${PROBLEM_TYPE_BASE}forbidden`);
      // Nothing of the event or the tree in the refusal.
      expect(JSON.stringify(stableProblem(answer))).not.toMatch(/leaf|hashes|tasks\./);
    }
  }

  /**
   * Audit exports belong to the audit function, not to one person: the audit log is one record
   * every auditor and admin may read and export in full, so another auditor reading A's export
   * learns nothing they could not export themselves (and the download is audited under their
   * own name). What must hold: no one outside those roles reaches an export (documented 403,
   * also with an API token), and nobody's access changes it.
   */
  async function auditExportCase({ op }: Context) {
    const a = await createUser(app, { roles: ['auditor'] });
    const otherAuditor = await createUser(app, { roles: ['auditor'] });
    const employee = await createUser(app);
    const employeeToken = await createApiToken(app, employee, ['tasks:read', 'tasks:write']);
    const created = await send(app.baseUrl, 'POST', '/api/v1/audit/exports', {
      token: a.accessToken,
      body: { format: 'jsonl', filters: { action: 'auth.' } },
    });
    expect(created.status).toBe(202);
    const id = (created.json as { id: string }).id;
    const status = async () =>
      (await send(app.baseUrl, 'GET', `/api/v1/audit/exports/${id}`, { token: a.accessToken }))
        .json as { status: string };
    await waitFor(
      async () => ((await status()).status === 'done' ? true : undefined),
      20_000,
      'the export to finish',
    );
    const before = await status();

    for (const token of [employee.accessToken, employeeToken.token]) {
      const answer = await callOn(op, id, token);
      expect(expectProblem(answer, 403).type).toBe(`${PROBLEM_TYPE_BASE}forbidden`);
      // Nothing of the export (its filters, manifest or file) in the refusal.
      expect(JSON.stringify(stableProblem(answer))).not.toMatch(/auth\.|manifest|seq/);
    }
    expect(await status()).toEqual(before);
    // Shared within the audit function, by design (see above): the other auditor's read works.
    expect((await callOn(op, id, otherAuditor.accessToken)).status).toBe(200);
    expect((await callOn(op, id, a.accessToken)).status).toBe(200);
  }

  it('has a case for every {id} operation of the spec, and none for one it lacks', () => {
    const inSpec = idOperations.map((op) => op.operationId).sort();
    expect(inSpec.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(cases).sort()).toEqual(inSpec);
  });

  it.each(idOperations.map((op) => [describeOperation(op), op] as const))(
    '%s: user B cannot use user A’s object',
    async (_name, op) => {
      const run = cases[op.operationId];
      if (!run) throw new Error(`No object-level case for ${describeOperation(op)}: add one`);
      await run({ op });
    },
  );

  describe('objects named in bodies and collections', () => {
    it('bulkUpdateTasks: A’s task among B’s ids changes nothing, not even B’s own task', async () => {
      const { a, b, bCredentials } = await employees();
      const aTask = await taskOf(a);
      const bTask = await taskOf(b);
      const before = [await taskRow(app, aTask), await taskRow(app, bTask)];
      for (const credential of bCredentials) {
        const answer = await send(app.baseUrl, 'POST', '/api/v1/tasks/bulk', {
          token: credential.token,
          body: { ids: [bTask, aTask], changes: { status: 'done', assigneeId: b.userId } },
        });
        const problem = expectProblem(answer, 404);
        expect(problem.missingIds).toEqual([aTask]);
      }
      expect([await taskRow(app, aTask), await taskRow(app, bTask)]).toEqual(before);
    });

    it('listTasks and getTaskStats: B’s views never include A’s tasks, whatever the filter', async () => {
      const { a, b } = await employees();
      const statsBefore = await send(app.baseUrl, 'GET', '/api/v1/tasks/stats', {
        token: b.accessToken,
      });
      const aTask = await taskOf(a);
      const title = ((await taskRow(app, aTask)).title as string).split(' ').pop() ?? '';
      for (const query of [
        '',
        `?assigneeId=${a.userId}`,
        `?q=${encodeURIComponent(title)}`,
        '?label=secret',
        '?limit=100&sort=createdAt',
      ]) {
        const listed = await send(app.baseUrl, 'GET', `/api/v1/tasks${query}`, {
          token: b.accessToken,
        });
        expect(listed.status).toBe(200);
        expect(listed.text).not.toContain(aTask);
      }
      // The control: the same search finds it for A.
      const own = await send(app.baseUrl, 'GET', `/api/v1/tasks?q=${encodeURIComponent(title)}`, {
        token: a.accessToken,
      });
      expect(own.text).toContain(aTask);
      const statsAfter = await send(app.baseUrl, 'GET', '/api/v1/tasks/stats', {
        token: b.accessToken,
      });
      expect(statsAfter.json).toEqual(statsBefore.json);
    });

    it('listSessions and listApiTokens: each user sees only their own', async () => {
      const { a, b } = await employees();
      const aToken = await createApiToken(app, a, ['tasks:read']);
      const sessions = await send(app.baseUrl, 'GET', '/api/v1/auth/sessions', {
        token: b.accessToken,
      });
      expect(sessions.status).toBe(200);
      expect(sessions.text).not.toContain(a.sessionId);
      const tokens = await send(app.baseUrl, 'GET', '/api/v1/auth/tokens', {
        token: b.accessToken,
      });
      expect(tokens.status).toBe(200);
      expect(tokens.text).not.toContain(aToken.tokenId);
      const aTokens = await send(app.baseUrl, 'GET', '/api/v1/auth/tokens', {
        token: a.accessToken,
      });
      expect(aTokens.text).toContain(aToken.tokenId); // the control
    });
  });
});
