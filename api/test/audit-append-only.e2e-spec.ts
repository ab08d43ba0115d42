import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

describe('audit log is append-only (e2e)', () => {
  let app: TestApp;
  let seqs: string[];

  beforeAll(async () => {
    app = await startTestApp({ role: 'all' });
    const prefix = uniqueActionPrefix('append-only');
    await app.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 5; i += 1) {
        await app.app.get(AuditLogService).record(manager, testEvent(`${prefix}.${i}`));
      }
    });
    seqs = (await waitForSealed(app.dataSource, prefix, 5)).map((row) => row.seq);
  });
  afterAll(() => app.close());

  it("refuses UPDATE, DELETE and TRUNCATE through the app's connection", async () => {
    const seq = seqs[0];
    await expect(
      app.dataSource.query(`UPDATE audit_events SET outcome = 'failure' WHERE seq = $1`, [seq]),
    ).rejects.toThrow(/append-only: UPDATE on audit_events/);
    await expect(
      app.dataSource.query('DELETE FROM audit_events WHERE seq = $1', [seq]),
    ).rejects.toThrow(/append-only: DELETE on audit_events/);
    await expect(app.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    await expect(app.dataSource.query('DELETE FROM audit_checkpoints')).rejects.toThrow(
      /append-only: DELETE on audit_checkpoints/,
    );
  });

  it('still refuses with session_replication_role = replica (the trigger is ENABLE ALWAYS)', async () => {
    const runner = app.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL session_replication_role = replica');
      await expect(
        runner.query('DELETE FROM audit_events WHERE seq = $1', [seqs[1]]),
      ).rejects.toThrow(/append-only/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('verify names the seq of a row a superuser altered with the trigger disabled', async () => {
    const verifier = app.app.get(AuditVerifierService);
    expect(await verifier.verify()).toMatchObject({ ok: true });
    const tampered = seqs[2];
    const [{ actor_display: original }]: { actor_display: string }[] = await app.dataSource.query(
      'SELECT actor_display FROM audit_events WHERE seq = $1',
      [tampered],
    );
    // The run's other tests share this database: put the row back afterwards.
    const setDisplay = (display: string) =>
      app.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
        await manager.query('UPDATE audit_events SET actor_display = $2 WHERE seq = $1', [
          tampered,
          display,
        ]);
        await manager.query(
          'ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only',
        );
      });
    await setDisplay('someone else');
    try {
      const result = await verifier.verify();
      expect(result).toMatchObject({ ok: false, firstBadSeq: tampered });
      expect(result.reason).toContain(`hash of seq ${tampered}`);
      // A range that ends before the tampered row still verifies.
      expect(await verifier.verify({ toSeq: String(BigInt(tampered) - 1n) })).toMatchObject({
        ok: true,
      });
    } finally {
      await setDisplay(original);
    }
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });
});
