import { createUser, TestUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Capture through the auth and tasks routes: each change audited once, in commit order. */
describe('audit capture through auth and tasks (e2e)', () => {
  let app: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    app = await startTestApp({ role: 'all' });
    user = await createUser(app);
  });
  afterAll(() => app.close());

  async function sealedFor(column: 'target_id' | 'actor_id', id: string, count: number) {
    const { value } = await waitFor(
      async () => {
        const [pending]: { n: number }[] = await app.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_outbox WHERE ${column} = $1`,
          [id],
        );
        const rows: { action: string; outcome: string; seq: string }[] = await app.dataSource.query(
          `SELECT action, outcome, seq FROM audit_events WHERE ${column} = $1 ORDER BY seq`,
          [id],
        );
        return pending.n === 0 && rows.length >= count ? rows : undefined;
      },
      20_000,
      `${count} sealed events for ${column} ${id}`,
    );
    return value;
  }

  it('records a task created, updated twice and deleted, once each and in order', async () => {
    const created = await user.client.POST('/api/v1/tasks', { body: { title: 'Audit me' } });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? '';
    for (const title of ['Audit me again', 'And again']) {
      const patched = await user.client.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id } },
        body: { title },
      });
      expect(patched.response.status).toBe(200);
    }
    // A refused change (validation) must leave no event.
    const refused = await user.client.PATCH('/api/v1/tasks/{id}', {
      params: { path: { id } },
      body: { title: '' },
    });
    expect(refused.response.status).toBe(400);
    const deleted = await user.client.DELETE('/api/v1/tasks/{id}', { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);

    const rows = await sealedFor('target_id', id, 4);
    expect(rows.map((row) => row.action)).toEqual([
      'task.created',
      'task.updated',
      'task.updated',
      'task.deleted',
    ]);
  });

  it('records a failed and a successful login, without the password', async () => {
    const failed = await app.sdk.POST('/api/v1/auth/login', {
      body: { email: user.email, password: 'wrong-password-123' },
    });
    expect(failed.response.status).toBe(401);
    const ok = await app.sdk.POST('/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(ok.response.status).toBe(200);
    const rows = await waitFor(
      async () => {
        const found: { action: string; changes: unknown }[] = await app.dataSource.query(
          `SELECT action, changes FROM audit_events
            WHERE action IN ('auth.login.failed', 'auth.login.succeeded')
              AND (actor_id = $1 OR target_id = $1 OR actor_display = $2)
            ORDER BY seq`,
          [user.userId, user.email],
        );
        return found.some((row) => row.action === 'auth.login.failed') ? found : undefined;
      },
      20_000,
      'login events',
    );
    const actions = rows.value.map((row) => row.action);
    expect(actions).toContain('auth.login.failed');
    expect(actions.filter((action) => action === 'auth.login.succeeded').length).toBeGreaterThan(0);
    expect(JSON.stringify(rows.value)).not.toContain('wrong-password-123');
    expect(JSON.stringify(rows.value)).not.toContain(user.password);
  });
});
