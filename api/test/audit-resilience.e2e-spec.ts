import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import {
  outboxCount,
  sealedWithPrefix,
  testEvent,
  uniqueActionPrefix,
  waitForSealed,
} from './support/audit-helpers';
import { AuditWorkerProcess } from './support/audit-worker-process';
import { freePort } from '../../ops/dev-services/free-port';
import { RedisServerProcess } from './support/redis-server-process';
import { uniqueName } from '../../ops/db/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** seq must run without a gap over the whole table, and every event id appear once. */
async function expectGapFreeChain(app: TestApp): Promise<void> {
  const [{ count, distinct, min, max }]: Record<'count' | 'distinct' | 'min' | 'max', string>[] =
    await app.dataSource.query(
      `SELECT count(*)::text AS count, count(DISTINCT id)::text AS distinct,
            min(seq) AS min, max(seq) AS max FROM audit_events`,
    );
  expect(distinct).toBe(count);
  expect((BigInt(max) - BigInt(min) + 1n).toString()).toBe(count);
  expect(await app.app.get(AuditVerifierService).verify()).toMatchObject({ ok: true });
}

/** Sealed and outbox counts from one snapshot (a batch may commit between two queries). */
async function countsOf(app: TestApp, prefix: string): Promise<{ sealed: number; outbox: number }> {
  const [row]: { sealed: number; outbox: number }[] = await app.dataSource.query(
    `SELECT (SELECT count(*) FROM audit_events WHERE action LIKE $1)::int AS sealed,
            (SELECT count(*) FROM audit_outbox WHERE action LIKE $1)::int AS outbox`,
    [`${prefix}%`],
  );
  return row;
}

describe('audit sealing resilience (e2e)', () => {
  describe('when Redis is down', () => {
    let app: TestApp;
    let redis: RedisServerProcess;

    beforeAll(async () => {
      if (!RedisServerProcess.isInstalled()) {
        throw new Error('redis-server is not on PATH; install it (apt-get install redis-server)');
      }
      redis = new RedisServerProcess(await freePort());
      await redis.start();
      app = await startTestApp({
        role: 'all',
        configOverrides: {
          REDIS_URL: redis.url,
          QUEUE_PREFIX: uniqueName('tt_audit_redis'),
          AUDIT_SWEEP_INTERVAL_MS: '500',
        },
      });
    });
    afterAll(async () => {
      await app.close();
      await redis.stop();
    });

    it('accepts 200 writes, keeps them in the outbox, and seals them all when Redis returns', async () => {
      const prefix = uniqueActionPrefix('redis-down');
      await redis.stop();
      const audit = app.app.get(AuditLogService);
      for (let i = 0; i < 200; i += 1) {
        await app.dataSource.transaction((manager) =>
          audit.record(manager, testEvent(`${prefix}.${i}`)),
        );
      }
      expect(await outboxCount(app.dataSource, prefix)).toBe(200);
      expect(await sealedWithPrefix(app.dataSource, prefix)).toHaveLength(0);

      await redis.start();
      const rows = await waitForSealed(app.dataSource, prefix, 200, 30_000);
      expect(rows.map((row) => row.action)).toEqual(
        Array.from({ length: 200 }, (_, i) => `${prefix}.${i}`),
      );
      await expectGapFreeChain(app);
    });
  });

  describe('when a worker is killed mid-sealing', () => {
    let app: TestApp;
    let workers: AuditWorkerProcess[];
    const queuePrefix = uniqueName('tt_audit_kill');

    beforeAll(async () => {
      // role 'api': this process only captures; the child workers seal.
      app = await startTestApp({ role: 'api', configOverrides: { QUEUE_PREFIX: queuePrefix } });
      const env = {
        DATABASE_URL: process.env.DATABASE_URL ?? '',
        REDIS_URL: process.env.REDIS_URL ?? '',
        QUEUE_PREFIX: queuePrefix,
        AUDIT_SEAL_BATCH_SIZE: '50',
        AUDIT_SWEEP_INTERVAL_MS: '300',
        AUDIT_CHECKPOINT_EVERY: '500',
      };
      workers = [new AuditWorkerProcess(env), new AuditWorkerProcess(env)];
    });
    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.kill()));
      await app.close();
    });

    it('two workers seal concurrently; SIGKILL loses and duplicates nothing', async () => {
      const prefix = uniqueActionPrefix('sigkill');
      const total = 20_000;
      // Straight into the outbox in bulk: this test is about the sealer, not capture.
      await app.dataSource.query(
        `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type,
                                   target_id, changes, outcome, ip, user_agent, request_id)
         SELECT $1 || '.' || lpad(i::text, 6, '0'), 'system', NULL, 'load', 'doc', i::text,
                jsonb_build_object('n', jsonb_build_object('after', i)), 'success',
                NULL, NULL, NULL
           FROM generate_series(1, $2::int) AS i`,
        [prefix, total],
      );
      for (const worker of workers) worker.start();

      // Kill one worker as soon as sealing is under way but far from done.
      await waitFor(
        async () => {
          const { sealed } = await countsOf(app, prefix);
          return sealed > 0 ? sealed : undefined;
        },
        // Two ts-node worker boots on a shared 2-core machine can take a while.
        120_000,
        'sealing to start',
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- worker log ---\n${workers[0].log}${workers[1].log}`);
      });
      await workers[0].kill();
      const atKill = await countsOf(app, prefix);
      expect(atKill.sealed + atKill.outbox).toBe(total);
      expect(atKill.outbox).toBeGreaterThan(0);

      // Kill the other one too mid-way, then restart both.
      await workers[1].kill();
      const afterBoth = await countsOf(app, prefix);
      expect(afterBoth.sealed + afterBoth.outbox).toBe(total);
      for (const worker of workers) worker.start();

      const rows = await waitForSealed(app.dataSource, prefix, total, 240_000).catch(
        async (error: Error) => {
          const counts = await countsOf(app, prefix);
          throw new Error(
            `${error.message} (${JSON.stringify(counts)})\n--- worker logs ---\n${workers[0].log}\n${workers[1].log}`,
          );
        },
      );
      expect(rows).toHaveLength(total);
      // Within one batch and across batches, outbox order (= insert order here) is kept.
      const actions = rows.map((row) => row.action);
      expect([...actions].sort()).toEqual(actions);
      await expectGapFreeChain(app);
    }, 400_000);
  });
});
