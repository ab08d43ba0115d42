import type { Schema } from '@tasktrackr/sdk';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AUDIT_SEAL_LOCK } from '../src/audit-log/audit-sealer.service';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

type AuditStats = Schema<'AuditStats'>;
const DAY_MS = 86_400_000;

/** The 30 UTC days ending with `today`, oldest first. */
function thirtyDaysTo(today: string): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: 30 }, (_, i) =>
    new Date(end - (29 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

describe('audit stats (e2e)', () => {
  let app: TestApp;
  let auditor: TestUser;
  let admin: TestUser;
  let employee: TestUser;

  /** Waits until every captured event (of any test) is sealed, so figures hold still. */
  async function drainOutbox(): Promise<void> {
    await waitFor(
      async () => {
        const [{ count }] = await app.dataSource.query<[{ count: number }]>(
          'SELECT count(*)::int AS count FROM audit_outbox',
        );
        return count === 0 ? true : undefined;
      },
      20_000,
      'an empty audit outbox',
    );
  }

  async function stats(user: TestUser = auditor): Promise<AuditStats> {
    const { data, response } = await user.client.GET('/api/v1/audit/stats');
    expect(response.status).toBe(200);
    if (!data) throw new Error('no body');
    return data;
  }

  /** Straight from the tables, to compare the endpoint with. */
  async function fromDatabase() {
    const [row] = await app.dataSource.query<
      [{ total: number; head: string | null; cp_seq: string | null; cp_at: Date | null }]
    >(
      `SELECT (SELECT count(*)::int FROM audit_events) AS total,
              (SELECT max(seq)::text FROM audit_events) AS head,
              (SELECT max(seq)::text FROM audit_checkpoints) AS cp_seq,
              (SELECT created_at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1) AS cp_at`,
    );
    const perDay = await app.dataSource.query<{ date: string; count: number }[]>(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, count(*)::int AS count
         FROM audit_events GROUP BY 1`,
    );
    return { ...row, perDay: new Map(perDay.map((day) => [day.date, day.count])) };
  }

  async function record(prefix: string, occurredAt: Array<Date | undefined>): Promise<void> {
    const audit = app.app.get(AuditLogService);
    await app.dataSource.transaction(async (manager) => {
      for (const at of occurredAt) {
        await audit.record(manager, testEvent(`${prefix}.event`, at ? { occurredAt: at } : {}));
      }
    });
  }

  beforeAll(async () => {
    // A checkpoint after every event, so the last checkpoint is the head once all is sealed.
    app = await startTestApp({ configOverrides: { AUDIT_CHECKPOINT_EVERY: '1' } });
    [auditor, admin, employee] = await Promise.all([
      createUser(app, { roles: ['auditor'] }),
      createUser(app, { roles: ['admin'] }),
      createUser(app, { roles: ['employee'] }),
    ]);
  });
  afterAll(() => app.close());

  it('counts sealed events per UTC day over 30 days, zero-filled, with totals, head and checkpoint', async () => {
    await drainOutbox();
    const before = await stats();
    const today = new Date().toISOString().slice(0, 10);
    expect(before.eventsPerDay.map((day) => day.date)).toEqual(thirtyDaysTo(today));

    // Noon UTC of days back from today: 3 days (2 events), 10 (3), 29 (1, the oldest day shown),
    // 30 (1, just outside the window); plus 2 now.
    const noon = (daysBack: number) =>
      new Date(Date.parse(`${today}T12:00:00Z`) - daysBack * DAY_MS);
    const prefix = uniqueActionPrefix('stats');
    await record(prefix, [
      noon(3),
      noon(3),
      noon(10),
      noon(10),
      noon(10),
      noon(29),
      noon(30),
      undefined,
      undefined,
    ]);
    await waitForSealed(app.dataSource, prefix, 9);
    await drainOutbox();

    const after = await stats();
    expect(after.eventsPerDay.map((day) => day.date)).toEqual(thirtyDaysTo(today));
    const added = after.eventsPerDay.map((day, i) => day.count - before.eventsPerDay[i].count);
    const expected = Array.from({ length: 30 }, () => 0);
    expected[29 - 3] = 2;
    expected[29 - 10] = 3;
    expected[0] = 1;
    expected[29] = 2;
    expect(added).toEqual(expected);
    expect(after.totalEvents - before.totalEvents).toBe(9);
    expect(BigInt(after.headSeq) - BigInt(before.headSeq)).toBe(9n);
    expect(after.pendingOutbox).toBe(0);

    // And every figure agrees with the tables themselves.
    const db = await fromDatabase();
    expect(after.eventsPerDay).toEqual(
      thirtyDaysTo(today).map((date) => ({ date, count: db.perDay.get(date) ?? 0 })),
    );
    expect(after.totalEvents).toBe(db.total);
    expect(after.headSeq).toBe(db.head);
    expect(after.lastCheckpoint).toEqual({
      seq: db.head,
      createdAt: db.cp_at?.toISOString(),
    });
    expect(db.cp_seq).toBe(db.head);
  });

  it('reports captured but unsealed events as pendingOutbox, and counts only sealed ones', async () => {
    await drainOutbox();
    const before = await stats();
    const prefix = uniqueActionPrefix('stats-pending');
    // Holding the sealer's lock keeps the workers from sealing until it is released.
    const lock = app.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    try {
      await lock.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
      await record(prefix, [undefined, undefined, undefined, undefined]);
      const during = await stats();
      expect(during.pendingOutbox).toBe(4);
      expect(during.totalEvents).toBe(before.totalEvents);
      expect(during.headSeq).toBe(before.headSeq);
      expect(during.eventsPerDay).toEqual(before.eventsPerDay);
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }
    await waitForSealed(app.dataSource, prefix, 4);
    await drainOutbox();
    const after = await stats(admin);
    expect(after.pendingOutbox).toBe(0);
    expect(after.totalEvents - before.totalEvents).toBe(4);
    expect(after.eventsPerDay[29].count - before.eventsPerDay[29].count).toBe(4);
  });

  it('is for auditors and admins, and API tokens holding audit:read', async () => {
    expect((await employee.client.GET('/api/v1/audit/stats')).response.status).toBe(403);
    expect((await app.sdk.GET('/api/v1/audit/stats')).response.status).toBe(401);
    const reader = await createApiToken(app, auditor, ['audit:read']);
    const viaToken = await reader.client.GET('/api/v1/audit/stats');
    expect(viaToken.response.status).toBe(200);
    expect(viaToken.data?.eventsPerDay).toHaveLength(30);
    const exporter = await createApiToken(app, auditor, ['audit:export']);
    expect((await exporter.client.GET('/api/v1/audit/stats')).response.status).toBe(403);
  });
});
