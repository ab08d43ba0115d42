import Bull from 'bull';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AUDIT_QUEUE } from '../src/audit-log/audit-queue';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { freePort } from '../../ops/dev-services/free-port';
import { RedisServerProcess } from './support/redis-server-process';
import { uniqueName } from '../../ops/db/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

async function outboxCount(app: TestApp): Promise<number> {
  const [{ count }] = await app.dataSource.query<[{ count: number }]>(
    'SELECT count(*)::int AS count FROM audit_outbox',
  );
  return count;
}

describe('system status (e2e)', () => {
  describe('with Redis up', () => {
    const queuePrefix = uniqueName('tt_system');
    let app: TestApp;
    let admin: TestUser;
    let employee: TestUser;
    /** The app's audit queue, seen from the test (same Redis, same prefix). */
    let queue: Queue;

    beforeAll(async () => {
      // role 'all': this process also runs the audit queue's processor.
      app = await startTestApp({ role: 'all', configOverrides: { QUEUE_PREFIX: queuePrefix } });
      [admin, employee] = await Promise.all([
        createUser(app, { roles: ['admin'] }),
        createUser(app, { roles: ['employee'] }),
      ]);
      queue = new Bull(AUDIT_QUEUE, process.env.REDIS_URL ?? '', { prefix: queuePrefix });
    });
    afterAll(async () => {
      await queue.obliterate({ force: true });
      await queue.close();
      await app.close();
    });

    it('shows the audit queue’s counts, its failed jobs without their data, and the outbox', async () => {
      // A job the app's real processor fails (an export id that is not a UUID), once.
      const secret = `secret-${randomUUID()}`;
      const failing = await queue.add(
        'export',
        { exportId: 'not-a-uuid', apiKey: secret },
        { attempts: 1 },
      );
      await waitFor(
        async () => ((await failing.getState()) === 'failed' ? true : undefined),
        20_000,
        'the export job to fail',
      );
      await waitFor(
        async () => ((await outboxCount(app)) === 0 ? true : undefined),
        20_000,
        'the outbox to drain',
      );

      // Paused, nothing seals: the outbox holds still and new seal requests wait in `paused`.
      await queue.pause();
      await waitFor(
        async () => ((await queue.getActiveCount()) === 0 ? true : undefined),
        20_000,
        'no active job',
      );
      const prefix = uniqueActionPrefix('system-status');
      const audit = app.app.get(AuditLogService);
      for (let i = 0; i < 3; i += 1) {
        await app.dataSource.transaction((manager) =>
          audit.record(manager, testEvent(`${prefix}.${i}`)),
        );
      }
      await app.dataSource.query(
        `UPDATE audit_outbox SET created_at = now() - interval '1 hour'
          WHERE id = (SELECT min(id) FROM audit_outbox WHERE action LIKE $1)`,
        [`${prefix}%`],
      );
      const later = await queue.add('export', { exportId: randomUUID() }, { delay: 3_600_000 });
      await waitFor(
        async () => ((await queue.getJobCounts()) as { paused?: number }).paused || undefined,
        20_000,
        'a seal request held by the pause',
      );

      const counts = (await queue.getJobCounts()) as Bull.JobCounts & { paused: number };
      const { data, response } = await admin.client.GET('/api/v1/system/status');
      expect(response.status).toBe(200);
      expect(data?.queues).toEqual([
        {
          name: AUDIT_QUEUE,
          available: true,
          waiting: counts.waiting,
          active: counts.active,
          delayed: counts.delayed,
          failed: counts.failed,
          completed: counts.completed,
          paused: counts.paused,
        },
      ]);
      expect(data?.queues[0]).toMatchObject({ waiting: 0, active: 0, delayed: 1, failed: 1 });
      expect(data?.queues[0].paused).toBeGreaterThanOrEqual(1);

      expect(data?.recentFailedJobs).toHaveLength(1);
      const [failed] = data?.recentFailedJobs ?? [];
      expect(failed).toEqual({
        queue: AUDIT_QUEUE,
        id: String(failing.id),
        name: 'export',
        failedReason: expect.stringMatching(/uuid/) as string,
        attemptsMade: 1,
        failedAt: expect.any(String) as string,
      });
      expect(Math.abs(Date.parse(failed.failedAt ?? '') - Date.now())).toBeLessThan(60_000);
      const text = JSON.stringify(data);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('apiKey');

      expect(data?.outbox.pending).toBe(3);
      expect(data?.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(3600);
      expect(data?.outbox.oldestPendingAgeSeconds).toBeLessThan(3600 + 60);

      // Resumed, the held requests seal the outbox and the figures follow.
      await later.remove();
      await queue.resume();
      await waitForSealed(app.dataSource, prefix, 3);
      await waitFor(
        async () => {
          const status = (await admin.client.GET('/api/v1/system/status')).data;
          return status?.outbox.pending === 0 && status.queues[0].paused === 0 ? status : undefined;
        },
        20_000,
        'an empty outbox in the status',
      ).then(({ value }) => {
        expect(value.outbox.oldestPendingAgeSeconds).toBe(0);
        expect(value.queues[0]).toMatchObject({ available: true, delayed: 0, failed: 1 });
      });
    });

    it('is for admins only: employees and API tokens get 403, anonymous callers 401', async () => {
      const asEmployee = await employee.client.GET('/api/v1/system/status');
      expect(asEmployee.response.status).toBe(403);
      expect(asEmployee.error?.type).toBe('https://tasktrackr.dev/problems/forbidden');
      const token = await createApiToken(app, admin, ['audit:read', 'tasks:read']);
      expect((await token.client.GET('/api/v1/system/status')).response.status).toBe(403);
      expect((await app.sdk.GET('/api/v1/system/status')).response.status).toBe(401);
    });
  });

  describe('with Redis down', () => {
    let app: TestApp;
    let redis: RedisServerProcess;
    let admin: TestUser;

    beforeAll(async () => {
      if (!RedisServerProcess.isInstalled()) {
        throw new Error('redis-server is not on PATH; install it (apt-get install redis-server)');
      }
      redis = new RedisServerProcess(await freePort());
      await redis.start();
      app = await startTestApp({
        role: 'api',
        configOverrides: { REDIS_URL: redis.url, QUEUE_PREFIX: uniqueName('tt_system_down') },
      });
      admin = await createUser(app, { roles: ['admin'] });
    });
    afterAll(async () => {
      await app.close();
      await redis.stop();
    });

    it('answers 200 with the queue marked unavailable, and recovers when Redis returns', async () => {
      const up = await admin.client.GET('/api/v1/system/status');
      expect(up.response.status).toBe(200);
      expect(up.data?.queues).toEqual([
        expect.objectContaining({ name: 'audit', available: true }),
      ]);

      await redis.stop();
      const down = await admin.client.GET('/api/v1/system/status');
      expect(down.response.status).toBe(200);
      expect(down.data?.queues).toEqual([
        {
          name: AUDIT_QUEUE,
          available: false,
          waiting: null,
          active: null,
          delayed: null,
          failed: null,
          completed: null,
          paused: null,
          message: expect.any(String) as string,
        },
      ]);
      expect(down.data?.recentFailedJobs).toEqual([]);
      // The outbox is in Postgres and still reported (no worker here: nothing is sealed).
      expect(down.data?.outbox.pending).toBe(await outboxCount(app));
      expect(down.data?.outbox.pending).toBeGreaterThan(0);

      await redis.start();
      await waitFor(
        async () => {
          const status = (await admin.client.GET('/api/v1/system/status')).data;
          return status?.queues[0].available ? status : undefined;
        },
        20_000,
        'the queue to be available again',
      );
    });
  });
});
