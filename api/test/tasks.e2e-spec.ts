import { randomUUID } from 'node:crypto';
import type { Schema } from '@tasktrackr/sdk';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

type Task = Schema<'Task'>;

describe('tasks (e2e)', () => {
  let app: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    app = await startTestApp();
    [alice, bob, admin, auditor] = await Promise.all([
      createUser(app),
      createUser(app),
      createUser(app, { roles: ['admin'] }),
      createUser(app, { roles: ['auditor'] }),
    ]);
  });
  afterAll(() => app.close());

  async function createTask(
    user: TestUser,
    body: Partial<Schema<'CreateTask'>> = {},
  ): Promise<Task> {
    const { data, response } = await user.client.POST('/api/v1/tasks', {
      body: { title: `Task ${randomUUID()}`, ...body },
    });
    expect(response.status).toBe(201);
    return data!;
  }

  async function auditRows(taskId: string) {
    return app.dataSource.query<Array<{ action: string; changes: Record<string, unknown> }>>(
      // Sealed events first (by seq), then those still in the outbox (by id).
      `SELECT action, changes FROM (
         SELECT action, changes, 0 AS tier, seq AS n FROM audit_events WHERE target_type = 'task' AND target_id = $1
         UNION ALL
         SELECT action, changes, 1, id FROM audit_outbox WHERE target_type = 'task' AND target_id = $1
       ) e ORDER BY tier, n`,
      [taskId],
    );
  }

  describe('create and read', () => {
    it('creates with 201, Location and ETag, and audits it in the same transaction', async () => {
      const { data, response } = await alice.client.POST('/api/v1/tasks', {
        body: { title: 'Prepare the Q4 report', priority: 'high', labels: ['finance', 'q4'] },
      });
      expect(response.status).toBe(201);
      expect(data).toMatchObject({
        title: 'Prepare the Q4 report',
        description: '',
        status: 'todo',
        priority: 'high',
        labels: ['finance', 'q4'],
        ownerId: alice.userId,
        assigneeId: null,
        completedAt: null,
        version: 1,
      });
      expect(response.headers.get('location')).toBe(`/api/v1/tasks/${data!.id}`);
      expect(response.headers.get('etag')).toBe(`"${data!.id}:1"`);
      const audit = await auditRows(data!.id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'task.created',
          changes: expect.objectContaining({
            title: { after: 'Prepare the Q4 report' },
          }) as unknown,
        }),
      ]);
    });

    it('audits every field of a new task as the task reads back, whatever the database decides', async () => {
      const dueAt = '2031-02-03T04:05:06.789Z';
      const task = await createTask(alice, {
        title: 'Done on arrival',
        status: 'done',
        dueAt,
        // The database keeps a uuid's canonical (lower-case) text: so must the event.
        assigneeId: bob.userId.toUpperCase(),
        labels: ['a', 'b'],
      });
      expect(task.assigneeId).toBe(bob.userId);
      expect(task.completedAt).not.toBeNull();
      expect(await auditRows(task.id)).toEqual([
        {
          action: 'task.created',
          changes: {
            title: { after: 'Done on arrival' },
            description: { after: '' },
            status: { after: 'done' },
            priority: { after: 'medium' },
            dueAt: { after: dueAt },
            assigneeId: { after: bob.userId },
            labels: { after: ['a', 'b'] },
            completedAt: { after: task.completedAt },
          },
        },
      ]);
    });

    it('writes neither the task nor its event when the insert fails', async () => {
      const title = `Orphan ${randomUUID()}`;
      const { response } = await alice.client.POST('/api/v1/tasks', {
        body: { title, assigneeId: randomUUID() },
      });
      expect(response.status).toBe(400);
      const tasks: unknown[] = await app.dataSource.query('SELECT 1 FROM tasks WHERE title = $1', [
        title,
      ]);
      const events: unknown[] = await app.dataSource.query(
        `SELECT 1 FROM audit_outbox WHERE action = 'task.created' AND changes->'title'->>'after' = $1
         UNION ALL
         SELECT 1 FROM audit_events WHERE action = 'task.created' AND changes->'title'->>'after' = $1`,
        [title],
      );
      expect(tasks).toEqual([]);
      expect(events).toEqual([]);
    });

    it('answers GET with the ETag and 304 to a matching If-None-Match', async () => {
      const task = await createTask(alice);
      const first = await alice.client.GET('/api/v1/tasks/{id}', {
        params: { path: { id: task.id } },
      });
      expect(first.response.status).toBe(200);
      const etag = first.response.headers.get('etag')!;
      expect(etag).toBe(`"${task.id}:1"`);
      const again = await alice.client.GET('/api/v1/tasks/{id}', {
        params: { path: { id: task.id }, header: { 'If-None-Match': etag } },
      });
      expect(again.response.status).toBe(304);
    });

    it('rejects invalid bodies with a 400 problem listing the fields', async () => {
      const { error, response } = await alice.client.POST('/api/v1/tasks', {
        body: {
          title: '',
          labels: Array.from({ length: 21 }, (_, i) => `l${i}`),
          priority: 'urgent',
        },
      });
      expect(response.status).toBe(400);
      expect(error?.errors?.map((e) => e.path)).toEqual(
        expect.arrayContaining(['title', 'labels']),
      );
    });

    it('refuses an assignee that is not a user', async () => {
      const { error, response } = await alice.client.POST('/api/v1/tasks', {
        body: { title: 'x', assigneeId: randomUUID() },
      });
      expect(response.status).toBe(400);
      expect(error?.errors).toEqual([
        { path: 'assigneeId', message: 'assigneeId does not name a user' },
      ]);
    });
  });

  describe('visibility', () => {
    it('shows a task to its owner, its assignee and admins; 404 to anyone else; 403 to auditors', async () => {
      const task = await createTask(alice);
      const get = (user: TestUser) =>
        user.client.GET('/api/v1/tasks/{id}', { params: { path: { id: task.id } } });
      expect((await get(alice)).response.status).toBe(200);
      expect((await get(admin)).response.status).toBe(200);
      expect((await get(bob)).response.status).toBe(404);
      expect((await get(auditor)).response.status).toBe(403);
      // Bob cannot change it either, and learns nothing about its existence.
      const patch = await bob.client.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id: task.id } },
        body: { title: 'mine now' },
      });
      expect(patch.response.status).toBe(404);

      await alice.client.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id: task.id } },
        body: { assigneeId: bob.userId },
      });
      expect((await get(bob)).response.status).toBe(200);
      const list = await bob.client.GET('/api/v1/tasks', { params: { query: { limit: 100 } } });
      expect(list.data?.items.map((t) => t.id)).toContain(task.id);
    });

    it('lets API tokens act only within their scopes', async () => {
      const reader = await createApiToken(app, alice, ['tasks:read']);
      expect((await reader.client.GET('/api/v1/tasks')).response.status).toBe(200);
      const write = await reader.client.POST('/api/v1/tasks', { body: { title: 'nope' } });
      expect(write.response.status).toBe(403);
      const writer = await createApiToken(app, alice, ['tasks:write']);
      expect(
        (await writer.client.POST('/api/v1/tasks', { body: { title: 'yes' } })).response.status,
      ).toBe(201);
    });

    it('refuses auditors on every task route', async () => {
      expect((await auditor.client.GET('/api/v1/tasks')).response.status).toBe(403);
      expect((await auditor.client.GET('/api/v1/tasks/stats')).response.status).toBe(403);
      expect(
        (await auditor.client.POST('/api/v1/tasks', { body: { title: 'x' } })).response.status,
      ).toBe(403);
    });
  });

  describe('updates', () => {
    it('applies If-Match, answers 412 with the current version when stale, and writes without it', async () => {
      const task = await createTask(alice);
      const path = { id: task.id };
      const ok = await alice.client.PATCH('/api/v1/tasks/{id}', {
        params: { path, header: { 'If-Match': `"${task.id}:1"` } },
        body: { status: 'done' },
      });
      expect(ok.response.status).toBe(200);
      expect(ok.data).toMatchObject({ status: 'done', version: 2 });
      expect(ok.data?.completedAt).toEqual(expect.any(String));
      expect(ok.response.headers.get('etag')).toBe(`"${task.id}:2"`);

      const stale = await alice.client.PATCH('/api/v1/tasks/{id}', {
        params: { path, header: { 'If-Match': `"${task.id}:1"` } },
        body: { title: 'lost update' },
      });
      expect(stale.response.status).toBe(412);
      expect(stale.error).toMatchObject({ status: 412, currentVersion: 2 });
      expect(stale.response.headers.get('etag')).toBe(`"${task.id}:2"`);

      const blind = await alice.client.PATCH('/api/v1/tasks/{id}', {
        params: { path },
        body: { status: 'in_progress' },
      });
      expect(blind.data).toMatchObject({ status: 'in_progress', completedAt: null, version: 3 });

      const audit = await auditRows(task.id);
      expect(audit.map((row) => row.action)).toEqual([
        'task.created',
        'task.updated',
        'task.updated',
      ]);
      expect(audit[1]?.changes).toMatchObject({ status: { before: 'todo', after: 'done' } });
      expect(audit[2]?.changes).toMatchObject({
        status: { before: 'done', after: 'in_progress' },
        completedAt: { after: null },
      });
    });

    it('refuses a DELETE with a stale If-Match, and records API-token changes as the token', async () => {
      const task = await createTask(alice);
      const path = { id: task.id };
      await alice.client.PATCH('/api/v1/tasks/{id}', { params: { path }, body: { title: 'v2' } });
      const stale = await alice.client.DELETE('/api/v1/tasks/{id}', {
        params: { path, header: { 'If-Match': `"${task.id}:1"` } },
      });
      expect(stale.response.status).toBe(412);
      expect(stale.error).toMatchObject({ currentVersion: 2 });

      const writer = await createApiToken(app, alice, ['tasks:write']);
      const deleted = await writer.client.DELETE('/api/v1/tasks/{id}', {
        params: { path, header: { 'If-Match': `"${task.id}:2"` } },
      });
      expect(deleted.response.status).toBe(204);
      const [event] = await app.dataSource.query<Array<{ actor_type: string; actor_id: string }>>(
        `SELECT actor_type, actor_id FROM audit_outbox WHERE target_id = $1 AND action = 'task.deleted'
         UNION ALL
         SELECT actor_type, actor_id FROM audit_events WHERE target_id = $1 AND action = 'task.deleted'`,
        [task.id],
      );
      expect(event).toEqual({ actor_type: 'token', actor_id: writer.tokenId });
    });

    it('soft-deletes with 204, hides the task, and restores it with 200', async () => {
      const task = await createTask(alice);
      const path = { id: task.id };
      const deleted = await alice.client.DELETE('/api/v1/tasks/{id}', { params: { path } });
      expect(deleted.response.status).toBe(204);
      expect(
        (await alice.client.GET('/api/v1/tasks/{id}', { params: { path } })).response.status,
      ).toBe(404);
      const restored = await alice.client.POST('/api/v1/tasks/{id}/restore', { params: { path } });
      expect(restored.response.status).toBe(200);
      expect(restored.data).toMatchObject({ id: task.id, version: 3 });
      expect(
        (await alice.client.GET('/api/v1/tasks/{id}', { params: { path } })).response.status,
      ).toBe(200);
      expect(
        (await bob.client.POST('/api/v1/tasks/{id}/restore', { params: { path } })).response.status,
      ).toBe(404);
      expect((await auditRows(task.id)).map((row) => row.action)).toEqual([
        'task.created',
        'task.deleted',
        'task.restored',
      ]);
    });

    it('bulk-updates all visible tasks in one go, or nothing at all', async () => {
      const mine = await Promise.all([createTask(alice), createTask(alice), createTask(alice)]);
      const foreign = await createTask(bob);
      const refused = await alice.client.POST('/api/v1/tasks/bulk', {
        body: { ids: [...mine.map((t) => t.id), foreign.id], changes: { status: 'blocked' } },
      });
      expect(refused.response.status).toBe(404);
      expect(refused.error).toMatchObject({ missingIds: [foreign.id] });
      const unchanged = await alice.client.GET('/api/v1/tasks/{id}', {
        params: { path: { id: mine[0].id } },
      });
      expect(unchanged.data).toMatchObject({ status: 'todo', version: 1 });

      const done = await alice.client.POST('/api/v1/tasks/bulk', {
        body: {
          ids: mine.map((t) => t.id),
          changes: { status: 'blocked', labels: ['waiting'], assigneeId: bob.userId },
        },
      });
      expect(done.response.status).toBe(200);
      expect(done.data?.items).toHaveLength(3);
      for (const task of done.data!.items) {
        expect(task).toMatchObject({
          status: 'blocked',
          labels: ['waiting'],
          assigneeId: bob.userId,
          version: 2,
        });
      }
      const tooMany = await alice.client.POST('/api/v1/tasks/bulk', {
        body: { ids: Array.from({ length: 501 }, () => randomUUID()), changes: { status: 'done' } },
      });
      expect(tooMany.response.status).toBe(400);
    });
  });

  describe('history', () => {
    it('lists the task’s audit events to whoever can see it, and 404 to others', async () => {
      const task = await createTask(alice, { assigneeId: bob.userId });
      await alice.client.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id: task.id } },
        body: { priority: 'urgent' },
      });
      const path = { id: task.id };
      const { value } = await waitFor(
        async () => {
          const { data } = await bob.client.GET('/api/v1/tasks/{id}/history', { params: { path } });
          return data && data.items.length === 2 ? data : undefined;
        },
        15_000,
        'the task’s events to be sealed',
      );
      expect(value.items.map((event) => event.action)).toEqual(['task.updated', 'task.created']);
      expect(value.items[0]).toMatchObject({
        actor: { type: 'user', id: alice.userId },
        target: { type: 'task', id: task.id },
        changes: { priority: { before: 'medium', after: 'urgent' } },
      });
      const stranger = await createUser(app);
      const hidden = await stranger.client.GET('/api/v1/tasks/{id}/history', { params: { path } });
      expect(hidden.response.status).toBe(404);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, and refuses another body with 422', async () => {
      const key = randomUUID();
      const body = { title: `Idempotent ${key}` };
      const send = (payload: { title: string }) =>
        alice.client.POST('/api/v1/tasks', {
          params: { header: { 'Idempotency-Key': key } },
          body: payload,
        });
      const first = await send(body);
      const second = await send(body);
      expect(first.response.status).toBe(201);
      expect(second.response.status).toBe(201);
      expect(second.data).toEqual(first.data);
      expect(second.response.headers.get('location')).toBe(first.response.headers.get('location'));
      expect(second.response.headers.get('idempotent-replayed')).toBe('true');
      const rows: unknown[] = await app.dataSource.query('SELECT 1 FROM tasks WHERE title = $1', [
        body.title,
      ]);
      expect(rows).toHaveLength(1);

      const other = await send({ title: 'something else' });
      expect(other.response.status).toBe(422);
      expect(other.error?.type).toBe('https://tasktrackr.dev/problems/idempotency-key-reused');

      // Keys are per caller: Bob's identical key is his own.
      const bobs = await bob.client.POST('/api/v1/tasks', {
        params: { header: { 'Idempotency-Key': key } },
        body,
      });
      expect(bobs.response.status).toBe(201);
      expect(bobs.data?.id).not.toBe(first.data?.id);
    });

    it('replays byte for byte: the same body text, key order included', async () => {
      const key = randomUUID();
      const send = () =>
        fetch(`${app.baseUrl}/api/v1/tasks`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${alice.accessToken}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': key,
          },
          body: JSON.stringify({
            title: `Byte-identical ${key}`,
            description: 'Replays must not reorder keys',
            labels: ['b', 'a'],
            dueAt: '2030-01-31T17:00:00.000Z',
          }),
        });
      const first = await send();
      const firstText = await first.text();
      const replay = await send();
      const replayText = await replay.text();
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replayText).toBe(firstText);
      expect(replay.headers.get('etag')).toBe(first.headers.get('etag'));
      // Not trivially equal: the body has nested values and keys jsonb would reorder.
      expect(Object.keys(JSON.parse(firstText) as object)).not.toEqual(
        Object.keys(JSON.parse(firstText) as object).sort(
          (a, b) => a.length - b.length || (a < b ? -1 : 1),
        ),
      );
    });

    it('creates once when the same key arrives concurrently', async () => {
      const key = randomUUID();
      const body = { title: `Concurrent ${key}` };
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          alice.client.POST('/api/v1/tasks', {
            params: { header: { 'Idempotency-Key': key } },
            body,
          }),
        ),
      );
      expect(results.map((r) => r.response.status)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.data?.id)).size).toBe(1);
      const rows: unknown[] = await app.dataSource.query('SELECT 1 FROM tasks WHERE title = $1', [
        body.title,
      ]);
      expect(rows).toHaveLength(1);
    });

    it('forgets keys after 24 hours', async () => {
      const key = randomUUID();
      const body = { title: `Expiring ${key}` };
      const send = () =>
        alice.client.POST('/api/v1/tasks', {
          params: { header: { 'Idempotency-Key': key } },
          body,
        });
      const first = await send();
      await app.dataSource.query(
        `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
        [key],
      );
      const later = await send();
      expect(later.response.status).toBe(201);
      expect(later.data?.id).not.toBe(first.data?.id);
    });
  });

  describe('list', () => {
    let carol: TestUser;
    const ids = new Set<string>();

    beforeAll(async () => {
      carol = await createUser(app);
      const priorities = ['low', 'medium', 'high', 'urgent'] as const;
      for (let i = 0; i < 23; i += 1) {
        const task = await createTask(carol, {
          title: i % 5 === 0 ? `Quarterly budget review ${i}` : `Routine chore ${i}`,
          description: i % 7 === 0 ? 'needs the budget spreadsheet' : '',
          priority: priorities[i % 4],
          status: i % 3 === 0 ? 'done' : 'todo',
          labels: i % 2 === 0 ? ['even'] : ['odd'],
          dueAt: i % 4 === 0 ? undefined : new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        });
        ids.add(task.id);
      }
      // A task assigned to Carol (owned by Bob) is on her list too, exactly once.
      const assigned = await createTask(bob, {
        title: 'Assigned to carol',
        assigneeId: carol.userId,
      });
      ids.add(assigned.id);
    });

    async function walk(query: Record<string, unknown>, limit: number): Promise<Task[]> {
      const seen: Task[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page += 1) {
        const { data, response } = await carol.client.GET('/api/v1/tasks', {
          params: { query: { ...query, limit, ...(cursor ? { cursor } : {}) } },
        });
        expect(response.status).toBe(200);
        expect(data!.items.length).toBeLessThanOrEqual(limit);
        seen.push(...data!.items);
        if (!data!.nextCursor) return seen;
        cursor = data!.nextCursor;
      }
      throw new Error('pagination did not end');
    }

    it.each(['createdAt', '-createdAt', 'dueAt', '-dueAt', 'priority', '-priority'] as const)(
      'pages through every visible task exactly once, in %s order',
      async (sort) => {
        const seen = await walk({ sort }, 5);
        expect(seen.map((t) => t.id).sort()).toEqual([...ids].sort());
        const rank = { low: 0, medium: 1, high: 2, urgent: 3 };
        const key = (t: Task): number =>
          sort.endsWith('createdAt')
            ? Date.parse(t.createdAt)
            : sort.endsWith('dueAt')
              ? t.dueAt
                ? Date.parse(t.dueAt)
                : Infinity
              : rank[t.priority];
        const keys = seen.map(key);
        const sorted = [...keys].sort((a, b) => (sort.startsWith('-') ? b - a : a - b));
        expect(keys).toEqual(sorted);
      },
    );

    it('filters by status, priority, label, due range, overdue and full text', async () => {
      const all = await walk({}, 100);
      const check = async (query: Record<string, unknown>, predicate: (t: Task) => boolean) => {
        const got = await walk(query, 100);
        expect(got.map((t) => t.id).sort()).toEqual(
          all
            .filter(predicate)
            .map((t) => t.id)
            .sort(),
        );
        expect(got.length).toBeGreaterThan(0);
      };
      await check({ status: ['done'] }, (t) => t.status === 'done');
      await check(
        { priority: ['high', 'urgent'] },
        (t) => t.priority === 'high' || t.priority === 'urgent',
      );
      await check({ label: 'even' }, (t) => t.labels.includes('even'));
      await check(
        { dueAfter: '2026-01-05T00:00:00Z', dueBefore: '2026-01-10T00:00:00Z' },
        (t) => !!t.dueAt && t.dueAt >= '2026-01-05' && t.dueAt < '2026-01-10',
      );
      await check(
        { overdue: true },
        (t) => !!t.dueAt && Date.parse(t.dueAt) < Date.now() && t.status !== 'done',
      );
      await check({ q: 'budget' }, (t) => /budget/i.test(`${t.title} ${t.description}`));
      await check({ assigneeId: carol.userId }, (t) => t.assigneeId === carol.userId);
    });

    it('refuses bad filters and a cursor from another sort or filter with 400 problems', async () => {
      for (const query of [
        { status: ['nope'] },
        { limit: 0 },
        { limit: 101 },
        { sort: 'title' },
        { dueBefore: 'soon' },
      ]) {
        const { response, error } = await carol.client.GET('/api/v1/tasks', {
          // Deliberately invalid values, which the SDK's types rightly forbid.
          params: { query: query as unknown as Record<string, never> },
        });
        expect(response.status).toBe(400);
        expect(error?.type).toBe('https://tasktrackr.dev/problems/validation-error');
      }
      const first = await carol.client.GET('/api/v1/tasks', {
        params: { query: { limit: 2, sort: 'dueAt' } },
      });
      const cursor = first.data!.nextCursor!;
      const mismatched = await carol.client.GET('/api/v1/tasks', {
        params: { query: { limit: 2, sort: 'priority', cursor } },
      });
      expect(mismatched.response.status).toBe(400);
      expect(mismatched.error?.type).toBe('https://tasktrackr.dev/problems/invalid-cursor');
      const forged = await carol.client.GET('/api/v1/tasks', {
        params: { query: { cursor: 'garbage!' } },
      });
      expect(forged.response.status).toBe(400);
    });

    it('answers stats over the visible tasks', async () => {
      const { data, response } = await carol.client.GET('/api/v1/tasks/stats');
      expect(response.status).toBe(200);
      const total = Object.values(data!.byStatus).reduce((a, b) => a + b, 0);
      expect(total).toBe(ids.size);
      expect(Object.values(data!.byPriority).reduce((a, b) => a + b, 0)).toBe(ids.size);
      expect(data!.byStatus.done).toBe(8);
      expect(data!.completedPerDay).toHaveLength(30);
      expect(data!.completedPerDay.at(-1)).toEqual({
        date: new Date().toISOString().slice(0, 10),
        count: 8,
      });
      expect(data!.overdue).toBeGreaterThan(0);
    });
  });
});
