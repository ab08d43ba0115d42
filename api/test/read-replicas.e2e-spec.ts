import { Client } from 'pg';
import { replicaLabel } from '../src/common/database/replica-endpoint';
import { createDatabase, uniqueName, withDatabase } from '../../ops/db/test-database';
import { createUser, TestUser } from './support/auth-helpers';
import { type ReplicaCluster, startReplicaCluster } from './support/replica-cluster';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface TaskPage {
  items: { id: string; title: string }[];
}

interface Readiness {
  status: string;
  replicas?: Record<string, { state: string; lagSeconds: number | null; message?: string }>;
}

/**
 * Read replicas for real: a primary and a streaming replica (`pg_basebackup -R`) started by
 * the test, the app on the primary with the replica configured. Which server served a read is
 * read off `db_reads_total{target}` and the replica's own `pg_stat_activity`; what a read saw
 * shows whether it could have come from the replica at all (replay paused).
 */
describe('read replicas (e2e)', () => {
  let cluster: ReplicaCluster | undefined;
  let testApp: TestApp | undefined;
  let replicaUrl: string;
  let label: string;
  let writer: TestUser;
  let admin: TestUser;
  let auditor: TestUser;

  const app = () => {
    if (!testApp) throw new Error('the app did not start');
    return testApp;
  };

  /** A statement on the replica's `postgres` database, as the superuser. */
  async function onReplica<Row extends Record<string, unknown>>(sql: string): Promise<Row[]> {
    const client = new Client({ connectionString: cluster?.replicaUrl });
    await client.connect();
    try {
      return (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  /** `db_reads_total` by target, from the app's `/metrics`. */
  async function readsBy(target: string): Promise<number> {
    const text = await (await fetch(`${app().baseUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (candidate) =>
          candidate.startsWith('db_reads_total{') && candidate.includes(`target="${target}"`),
      );
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  }

  /** Runs `read` and says where it ran: the one target whose counter moved. */
  async function servedBy<T>(read: () => Promise<T>): Promise<{ value: T; target: string }> {
    const before = { replica: await readsBy(label), primary: await readsBy('primary') };
    const value = await read();
    const after = { replica: await readsBy(label), primary: await readsBy('primary') };
    const moved = (['replica', 'primary'] as const).filter(
      (target) => after[target] > before[target],
    );
    if (moved.length !== 1)
      throw new Error(`expected one read target, counters moved: ${moved.join(', ')}`);
    return { value, target: moved[0] };
  }

  async function listTasks(user: TestUser): Promise<TaskPage> {
    const response = await fetch(`${app().baseUrl}/api/v1/tasks?limit=100`, {
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as TaskPage;
  }

  async function readiness(): Promise<{ status: number; body: Readiness }> {
    const response = await fetch(`${app().baseUrl}/api/v1/health/ready`);
    return { status: response.status, body: (await response.json()) as Readiness };
  }

  const replicaState = async () => (await readiness()).body.replicas?.[label]?.state;

  beforeAll(async () => {
    cluster = await startReplicaCluster();
    const database = uniqueName('tt_replicas');
    const primaryUrl = await createDatabase(cluster.primaryUrl, database);
    replicaUrl = withDatabase(cluster.replicaUrl, database);
    label = replicaLabel(replicaUrl);
    testApp = await startTestApp({
      configOverrides: {
        DATABASE_URL: primaryUrl,
        DATABASE_REPLICA_URLS: replicaUrl,
        // Generous: replay is paused on purpose below, and must not count as lagging then.
        REPLICA_MAX_LAG_MS: '30000',
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX ?? 'tt_test'}-replicas`,
      },
    });
    writer = await createUser(app());
    admin = await createUser(app(), { roles: ['admin'] });
    auditor = await createUser(app(), { roles: ['auditor'] });
    await waitFor(
      async () => ((await replicaState()) === 'up' ? true : undefined),
      20_000,
      'the replica to be up',
    );
  });

  afterAll(async () => {
    try {
      await testApp?.close();
    } finally {
      await cluster?.stop();
    }
  });

  it('serves task lists, stats, audit reads and exports from the replica', async () => {
    const list = await servedBy(() => listTasks(admin));
    expect(list.target).toBe('replica');
    const sessions = await onReplica<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity
        WHERE application_name = 'tasktrackr-all-read' AND query LIKE '%FROM tasks t%'`,
    );
    expect(sessions[0].count).toBeGreaterThan(0);

    const stats = await servedBy(() =>
      fetch(`${app().baseUrl}/api/v1/tasks/stats`, {
        headers: { authorization: `Bearer ${admin.accessToken}` },
      }),
    );
    expect(stats.value.status).toBe(200);
    expect(stats.target).toBe('replica');

    const auditHeaders = { authorization: `Bearer ${auditor.accessToken}` };
    const events = await servedBy(() =>
      fetch(`${app().baseUrl}/api/v1/audit/events`, { headers: auditHeaders }),
    );
    expect(events.value.status).toBe(200);
    expect(events.target).toBe('replica');

    const exported = await servedBy(async () => {
      const response = await fetch(`${app().baseUrl}/api/v1/audit/events/export?format=jsonl`, {
        headers: auditHeaders,
      });
      return { status: response.status, body: await response.text() };
    });
    expect(exported.value.status).toBe(200);
    expect(exported.target).toBe('replica');

    // A background export: requesting it is the auditor's write, so the job waits for the
    // replica to replay it (a poll or two) and then reads there.
    const background = await servedBy(async () => {
      const created = await fetch(`${app().baseUrl}/api/v1/audit/exports`, {
        method: 'POST',
        headers: { ...auditHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ format: 'jsonl' }),
      });
      expect(created.status).toBe(202);
      const { id } = (await created.json()) as { id: string };
      const finished = await waitFor(
        async () => {
          const response = await fetch(`${app().baseUrl}/api/v1/audit/exports/${id}`, {
            headers: auditHeaders,
          });
          const body = (await response.json()) as { status: string };
          return ['done', 'failed'].includes(body.status) ? body : undefined;
        },
        30_000,
        'the export job',
      );
      return finished.value;
    });
    expect(background.value.status).toBe('done');
    expect(background.target).toBe('replica');
  });

  it('lets a writer read their own write at once while others read the replica', async () => {
    await onReplica('SELECT pg_wal_replay_pause()');
    await waitFor(
      async () => {
        const [row] = await onReplica<{ state: string }>(
          'SELECT pg_get_wal_replay_pause_state() AS state',
        );
        return row.state === 'paused' ? true : undefined;
      },
      10_000,
      'replay to pause',
    );
    let taskId: string;
    try {
      const created = await fetch(`${app().baseUrl}/api/v1/tasks`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${writer.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ title: 'written while the replica is paused' }),
      });
      expect(created.status).toBe(201);
      taskId = ((await created.json()) as { id: string }).id;

      // The replica cannot hold the task yet: the writer's list sees it, so the primary served it.
      const own = await servedBy(() => listTasks(writer));
      expect(own.value.items.map((task) => task.id)).toContain(taskId);
      expect(own.target).toBe('primary');

      // Another user (an admin sees every task) still reads the replica, without the new task.
      const other = await servedBy(() => listTasks(admin));
      expect(other.target).toBe('replica');
      expect(other.value.items.map((task) => task.id)).not.toContain(taskId);
    } finally {
      await onReplica('SELECT pg_wal_replay_resume()');
    }

    // Replayed: the others see it on the replica, and once the poll has seen the replica pass
    // the write, the writer reads the replica again too.
    await waitFor(
      async () => {
        const read = await servedBy(() => listTasks(admin));
        return read.target === 'replica' && read.value.items.some((task) => task.id === taskId)
          ? true
          : undefined;
      },
      15_000,
      'the replica to show the task',
    );
    await waitFor(
      async () =>
        (await servedBy(() => listTasks(writer))).target === 'replica' ? true : undefined,
      15_000,
      "the writer's reads to return to the replica",
    );
  });

  it('falls back to the primary while the replica is down, and uses it again once back', async () => {
    const before = await listTasks(admin);
    await cluster?.stopReplica();

    // At once, before any poll noticed: the read fails over instead of failing.
    const failedOver = await servedBy(() => listTasks(admin));
    expect(failedOver.target).toBe('primary');
    expect(failedOver.value.items.map((task) => task.id)).toEqual(
      before.items.map((task) => task.id),
    );

    await waitFor(
      async () => ((await replicaState()) === 'down' ? true : undefined),
      15_000,
      'readiness to report the replica down',
    );
    const ready = await readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(ready.body.replicas?.[label]).toMatchObject({ state: 'down', lagSeconds: null });
    expect(JSON.stringify(ready.body)).not.toContain('password');

    const exported = await servedBy(() =>
      fetch(`${app().baseUrl}/api/v1/audit/events/export?format=csv`, {
        headers: { authorization: `Bearer ${auditor.accessToken}` },
      }).then((response) => response.status),
    );
    expect(exported).toEqual({ value: 200, target: 'primary' });

    const metrics = await (await fetch(`${app().baseUrl}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`db_replica_available\\{[^}]*replica="${label}"[^}]*\\} 0`));

    await cluster?.startReplica();
    await waitFor(
      async () => ((await replicaState()) === 'up' ? true : undefined),
      20_000,
      'the replica to be up again',
    );
    expect((await servedBy(() => listTasks(admin))).target).toBe('replica');
    expect(await (await fetch(`${app().baseUrl}/metrics`)).text()).toMatch(
      new RegExp(`db_replica_available\\{[^}]*replica="${label}"[^}]*\\} 1`),
    );
  });
});
