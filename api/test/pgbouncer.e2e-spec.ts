import { createTaskTrackrClient, type TaskTrackrClient } from '@tasktrackr/sdk';
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { deleteRedisKeys } from '../../ops/dev-services/redis-keys';
import { withAdvisoryLock } from '../src/database/advisory-lock';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { typeormOptions } from '../src/database/typeorm-options';
import { ApiProcess } from './support/api-process';
import { runAuditVerify } from './support/audit-cli';
import { PgBouncerProcess, pgbouncerMissing } from './support/pgbouncer-process';
import { waitFor } from './support/wait-for';

// Two app processes boot under ts-node at once on a shared machine.
jest.setTimeout(600_000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
/** Server connections PgBouncer may open: fewer than the app's clients, so they share. */
const SERVER_POOL = 3;
const TASKS = 12;

/**
 * The app behind PgBouncer in transaction pooling mode (docs/operations.md "PgBouncer"): a
 * PgBouncer started here in front of a fresh database, with 3 server connections for an API
 * and a worker process of 5 client connections each. Through it: both processes start at once
 * and apply the migrations once; the API serves task writes and reads; the worker seals the
 * events into a chain that verifies; exports stream and complete. A session-level lock, a
 * prepared statement or a `SET` reused across transactions would break here, since each
 * transaction may run on another server connection.
 */
describe('behind PgBouncer in transaction pooling mode (e2e)', () => {
  const missing = pgbouncerMissing();
  if (missing) {
    it('needs PgBouncer', () => {
      throw new Error(missing);
    });
    return;
  }

  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_pgbouncer');
  const dirs = {
    checkpoints: mkdtempSync(join(tmpdir(), `${database}-checkpoints-`)),
    exports: mkdtempSync(join(tmpdir(), `${database}-exports-`)),
  };
  let bouncer: PgBouncerProcess;
  let direct: Client;
  let api: ApiProcess;
  let worker: ApiProcess;
  let employee: TaskTrackrClient;
  let auditor: TaskTrackrClient;

  const appEnv = () => ({
    DATABASE_URL: bouncer.url,
    DATABASE_POOL_SIZE: '5',
    QUEUE_PREFIX: database,
    AUDIT_CHECKPOINT_DIR: dirs.checkpoints,
    AUDIT_CHECKPOINT_MAX_DELAY_MS: '1000',
    AUDIT_EXPORT_DIR: dirs.exports,
  });

  beforeAll(async () => {
    const directUrl = await createDatabase(serverUrl, database);
    direct = new Client({ connectionString: directUrl });
    await direct.connect();
    bouncer = new PgBouncerProcess(directUrl, { poolSize: SERVER_POOL });
    await bouncer.start();
    api = new ApiProcess({ ...appEnv(), APP_ROLE: 'api' });
    worker = new ApiProcess({ ...appEnv(), APP_ROLE: 'worker' });
    // At once, on a database with no schema yet: both reach the migrations together.
    await Promise.all([api.start(), worker.start()]);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await bouncer?.stop();
    await direct?.end();
    await dropDatabase(serverUrl, database);
    for (const pattern of [`${database}:*`, `{${database}:*`]) {
      await deleteRedisKeys(process.env.REDIS_URL ?? '', pattern);
    }
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once when two processes start at once', async () => {
    const { rows } = await direct.query<{ name: string }>('SELECT name FROM typeorm_migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(new Set(rows.map((row) => row.name)).size).toBe(MIGRATIONS.length);
    // Neither stopped on a migration error (a failed migration ends the process).
    expect([api.running, worker.running]).toEqual([true, true]);
  });

  /** Two data sources in this process, through a PgBouncer of their own on a second fresh
   * database: their migrations start at the same moment, unlike two booting processes. */
  describe('the migration lock', () => {
    const second = uniqueName('tt_pgbouncer_lock');
    let secondBouncer: PgBouncerProcess;
    let sources: DataSource[] = [];

    beforeAll(async () => {
      secondBouncer = new PgBouncerProcess(await createDatabase(serverUrl, second), {
        poolSize: SERVER_POOL,
      });
      await secondBouncer.start();
      sources = [0, 1].map(
        (i) =>
          new DataSource(
            typeormOptions({
              url: secondBouncer.url,
              poolSize: 2, // one holds the lock, one migrates
              connectTimeoutMs: 5000,
              applicationName: `lock-${i}`,
            }),
          ),
      );
      await Promise.all(sources.map((source) => source.initialize()));
    });

    afterAll(async () => {
      await Promise.all(sources.map((source) => source.destroy()));
      await secondBouncer?.stop();
      await dropDatabase(serverUrl, second);
    });

    it('lets one of two simultaneous migrators apply everything while the other waits', async () => {
      const said: string[][] = [[], []];
      const applied = await Promise.all(
        sources.map((source, i) =>
          runMigrationsLocked(source, { log: (line: string) => said[i].push(line) }),
        ),
      );
      expect(applied.map((list) => list.length).sort()).toEqual([0, MIGRATIONS.length]);
      const waiter = applied.findIndex((list) => list.length === 0);
      expect(said[waiter]).toEqual(['Another process is applying migrations; waiting for it']);
      const [{ count }] = await secondBouncer.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM typeorm_migrations',
      );
      expect(count).toBe(MIGRATIONS.length);
    });

    it('keeps a second holder waiting while the first runs statements on other connections', async () => {
      const key = 7_246_118_999;
      const order: string[] = [];
      let letFirstFinish = () => undefined as void;
      const firstMayFinish = new Promise<void>((resolve) => (letFirstFinish = resolve));
      let firstEntered = () => undefined as void;
      const entered = new Promise<void>((resolve) => (firstEntered = resolve));
      const first = withAdvisoryLock(sources[0], key, async () => {
        order.push('first in');
        firstEntered();
        await sources[0].query('SELECT 1');
        await firstMayFinish;
        order.push('first out');
      });
      await entered;
      let secondWaits = () => undefined as void;
      const waiting = new Promise<void>((resolve) => (secondWaits = resolve));
      const second = withAdvisoryLock(
        sources[1],
        key,
        async () => {
          order.push('second in');
          await Promise.resolve();
        },
        { onWait: () => secondWaits(), retryMs: 20 },
      );
      await waiting;
      // A waiter pins no server connection: PgBouncer still serves other clients meanwhile.
      for (let i = 0; i < 5; i += 1) {
        expect(await secondBouncer.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      }
      letFirstFinish();
      await Promise.all([first, second]);
      expect(order).toEqual(['first in', 'first out', 'second in']);
    });
  });

  it('serves task writes and reads, sharing 3 server connections among more clients', async () => {
    const client = createTaskTrackrClient({ baseUrl: api.baseUrl });
    const registered = await client.POST('/api/v1/auth/register', {
      body: {
        email: `bouncer-${randomUUID()}@example.com`,
        password: `pw-${randomUUID()}`,
        displayName: 'Through PgBouncer',
      },
    });
    expect(registered.response.status).toBe(201);
    employee = createTaskTrackrClient({
      baseUrl: api.baseUrl,
      token: registered.data?.accessToken,
    });

    const created = await Promise.all(
      Array.from({ length: TASKS }, (_, i) =>
        employee.POST('/api/v1/tasks', {
          body: { title: `Pooled task ${i}`, priority: 'high', labels: ['pgbouncer'] },
        }),
      ),
    );
    expect(created.map((c) => c.response.status)).toEqual(Array(TASKS).fill(201));
    const ids = created.map((c) => c.data?.id ?? '');
    const updated = await Promise.all(
      ids.slice(0, 4).map((id) =>
        employee.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id } },
          body: { status: 'in_progress' },
        }),
      ),
    );
    expect(updated.map((u) => u.data?.status)).toEqual(Array(4).fill('in_progress'));

    const list = await employee.GET('/api/v1/tasks', { params: { query: { limit: 100 } } });
    expect(list.data?.items.map((task) => task.id).sort()).toEqual([...ids].sort());
    const one = await employee.GET('/api/v1/tasks/{id}', { params: { path: { id: ids[0] } } });
    expect(one.data).toMatchObject({ id: ids[0], status: 'in_progress', labels: ['pgbouncer'] });
    const stats = await employee.GET('/api/v1/tasks/stats');
    expect(stats.data?.byStatus).toMatchObject({ in_progress: 4 });

    // More clients than server connections: transactions shared PgBouncer's 3.
    const clients = await bouncer.admin<{ database: string }>('SHOW CLIENTS');
    const servers = await bouncer.admin<{ database: string }>('SHOW SERVERS');
    const ofDatabase = <T extends { database: string }>(rows: T[]) =>
      rows.filter((row) => row.database === database).length;
    expect(ofDatabase(servers)).toBeLessThanOrEqual(SERVER_POOL);
    expect(ofDatabase(clients)).toBeGreaterThan(SERVER_POOL);
  });

  it('seals every event in the worker; the chain and its checkpoints verify', async () => {
    const email = `auditor-${randomUUID()}@example.com`;
    const password = `pw-${randomUUID()}`;
    // The CLI, too, goes through PgBouncer.
    await run(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        join(ROOT, 'ops', 'cli', 'user-create.ts'),
        '--email',
        email,
        '--role',
        'auditor',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...appEnv(),
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          TASKTRACKR_PASSWORD: password,
          LOG_LEVEL: 'silent',
        },
      },
    );
    const login = await createTaskTrackrClient({ baseUrl: api.baseUrl }).POST(
      '/api/v1/auth/login',
      { body: { email, password } },
    );
    expect(login.response.status).toBe(200);
    auditor = createTaskTrackrClient({ baseUrl: api.baseUrl, token: login.data?.accessToken });

    // Registration, the tasks and their updates, the auditor: all sealed, none left behind.
    const expected = 1 + TASKS + 4 + 1;
    await waitFor(
      async () => {
        const { rows } = await direct.query<{ sealed: number; outbox: number }>(
          `SELECT (SELECT count(*) FROM audit_events)::int AS sealed,
                  (SELECT count(*) FROM audit_outbox)::int AS outbox`,
        );
        return rows[0].outbox === 0 && rows[0].sealed >= expected ? true : undefined;
      },
      60_000,
      `${expected} sealed events`,
    );
    await waitFor(
      async () => {
        const latest = await auditor.GET('/api/v1/audit/checkpoints/latest');
        return (latest.data?.treeSize ?? 0) >= expected ? true : undefined;
      },
      60_000,
      'a signed tree checkpoint covering the events',
    );

    const verified = await auditor.GET('/api/v1/audit/verify');
    expect(verified.data).toMatchObject({ ok: true });
    expect(verified.data?.checked).toBeGreaterThanOrEqual(expected);
    const cli = await runAuditVerify([], {
      DATABASE_URL: bouncer.url,
      AUDIT_CHECKPOINT_DIR: dirs.checkpoints,
    });
    expect({
      code: cli.code,
      ok: cli.result?.ok,
      stderr: cli.code === 0 ? '' : cli.stderr,
    }).toEqual({ code: 0, ok: true, stderr: '' });
  });

  it('streams an export, and completes a background export whose file matches its manifest', async () => {
    const streamed = await auditor.GET('/api/v1/audit/events/export', {
      params: { query: { format: 'jsonl' } },
      parseAs: 'text',
    });
    expect(streamed.response.status).toBe(200);
    const lines = (streamed.data ?? '').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1 + TASKS + 4 + 1);
    expect(lines.map((line) => (JSON.parse(line) as { action: string }).action)).toContain(
      'task.created',
    );

    const started = await auditor.POST('/api/v1/audit/exports', { body: { format: 'csv' } });
    expect(started.response.status).toBe(202);
    const id = started.data?.id ?? '';
    const { value: done } = await waitFor(
      async () => {
        const { data } = await auditor.GET('/api/v1/audit/exports/{id}', {
          params: { path: { id } },
        });
        return data?.status === 'done' || data?.status === 'failed' ? data : undefined;
      },
      60_000,
      `export ${id} to finish`,
    );
    expect(done).toMatchObject({ status: 'done', error: null });
    const file = await auditor.GET('/api/v1/audit/exports/{id}/download', {
      params: { path: { id } },
      parseAs: 'arrayBuffer',
    });
    expect(file.response.status).toBe(200);
    const bytes = Buffer.from(file.data ?? new ArrayBuffer(0));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(done.manifest?.fileSha256);
  });
});
