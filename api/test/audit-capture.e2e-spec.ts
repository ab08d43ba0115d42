import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import {
  inRolledBackTransaction,
  outboxCount,
  testEvent,
  uniqueActionPrefix,
  waitForSealed,
} from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

describe('audit capture and sealing (e2e)', () => {
  let app: TestApp;
  let audit: AuditLogService;

  beforeAll(async () => {
    app = await startTestApp({ role: 'all' });
    audit = app.app.get(AuditLogService);
  });
  afterAll(() => app.close());

  it('seals each committed event exactly once, in commit order, and drops rolled-back ones', async () => {
    const prefix = uniqueActionPrefix('capture');
    await app.dataSource.transaction(async (manager) => {
      await audit.record(manager, testEvent(`${prefix}.a1`));
      await audit.record(manager, testEvent(`${prefix}.a2`));
    });
    await inRolledBackTransaction(app.dataSource, async (manager) => {
      await audit.record(manager, testEvent(`${prefix}.rolled-back`));
    });
    await app.dataSource.transaction(async (manager) => {
      await audit.record(manager, testEvent(`${prefix}.b1`));
    });
    // No surrounding transaction (e.g. a failed login): the pool's manager.
    await audit.record(app.dataSource.manager, testEvent(`${prefix}.c1`, { outcome: 'failure' }));

    const rows = await waitForSealed(app.dataSource, prefix, 4);
    expect(rows.map((row) => row.action)).toEqual([
      `${prefix}.a1`,
      `${prefix}.a2`,
      `${prefix}.b1`,
      `${prefix}.c1`,
    ]);
    expect(new Set(rows.map((row) => row.seq)).size).toBe(4);
    expect(await outboxCount(app.dataSource, prefix)).toBe(0);
    expect(await app.app.get(AuditVerifierService).verify()).toMatchObject({ ok: true });
  });

  it('stores the event fields, with secrets redacted', async () => {
    const prefix = uniqueActionPrefix('fields');
    const event = testEvent(`${prefix}.user.updated`, {
      actor: { type: 'token', id: 'tok-1', display: 'CI token' },
      target: { type: 'user', id: 'u-9' },
      changes: {
        displayName: { before: 'Ada', after: 'Ada L.' },
        password: { before: 'hunter2', after: 'correct horse' },
        profile: { after: { apiKey: 'sk-live-123', city: 'Paris' } },
      },
      occurredAt: new Date('2026-01-02T03:04:05.678Z'),
    });
    await app.dataSource.transaction((manager) => audit.record(manager, event));
    await waitForSealed(app.dataSource, prefix, 1);
    const [stored]: Record<string, unknown>[] = await app.dataSource.query(
      `SELECT id, occurred_at, actor_type, actor_id, actor_display, target_type, target_id,
              changes, outcome, ip, user_agent, request_id, prev_hash, hash
         FROM audit_events WHERE action = $1`,
      [event.action],
    );
    expect(stored).toMatchObject({
      occurred_at: new Date('2026-01-02T03:04:05.678Z'),
      actor_type: 'token',
      actor_id: 'tok-1',
      actor_display: 'CI token',
      target_type: 'user',
      target_id: 'u-9',
      outcome: 'success',
      ip: '127.0.0.1',
      user_agent: 'audit-e2e',
      request_id: event.context.requestId,
      changes: {
        displayName: { before: 'Ada', after: 'Ada L.' },
        password: { before: '[redacted]', after: '[redacted]' },
        profile: { after: { apiKey: '[redacted]', city: 'Paris' } },
      },
    });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.prev_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('hunter2');
  });

  it('keeps seq gap-free when many transactions record concurrently', async () => {
    const prefix = uniqueActionPrefix('concurrent');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app.dataSource.transaction(async (manager) => {
          await audit.record(manager, testEvent(`${prefix}.${i}`));
          await audit.record(manager, testEvent(`${prefix}.${i}.second`));
        }),
      ),
    );
    const rows = await waitForSealed(app.dataSource, prefix, 100);
    expect(rows).toHaveLength(100);
    const [{ count, min, max }]: { count: number; min: string; max: string }[] =
      await app.dataSource.query(
        'SELECT count(*)::int AS count, min(seq) AS min, max(seq) AS max FROM audit_events',
      );
    expect(BigInt(max) - BigInt(min) + 1n).toBe(BigInt(count));
    expect(await app.app.get(AuditVerifierService).verify()).toMatchObject({ ok: true });
  });
});
