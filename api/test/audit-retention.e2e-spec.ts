import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import { runAuditRetention, runAuditVerify } from './support/audit-cli';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

describe('audit retention (e2e)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ role: 'all' });
  });
  afterAll(() => app.close());

  it('archives and purges old events through the command, and what remains still verifies', async () => {
    const audit = app.app.get(AuditLogService);
    const old = uniqueActionPrefix('retention-old');
    await app.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 10; i += 1) await audit.record(manager, testEvent(`${old}.${i}`));
    });
    await waitForSealed(app.dataSource, old, 10);
    const cutoff = new Date(Date.now() + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const kept = uniqueActionPrefix('retention-kept');
    await app.dataSource.transaction((manager) => audit.record(manager, testEvent(`${kept}.0`)));
    await waitForSealed(app.dataSource, kept, 1);

    const archiveDir = mkdtempSync(join(tmpdir(), 'audit-archive-'));
    const dryRun = await runAuditRetention([
      '--before',
      cutoff.toISOString(),
      '--archive-dir',
      archiveDir,
    ]);
    expect(dryRun.result).toHaveProperty('wouldPurge');
    const run = await runAuditRetention([
      '--before',
      cutoff.toISOString(),
      '--archive-dir',
      archiveDir,
      '--confirm',
    ]);
    expect(run.code).toBe(0);
    const { purged, toSeq, archive } = run.result as {
      purged: number;
      toSeq: string;
      archive: string;
    };
    expect(purged).toBeGreaterThanOrEqual(10);

    const [{ oldLeft }]: { oldLeft: number }[] = await app.dataSource.query(
      'SELECT count(*)::int AS "oldLeft" FROM audit_events WHERE action LIKE $1',
      [`${old}%`],
    );
    expect(oldLeft).toBe(0);
    expect(await waitForSealed(app.dataSource, kept, 1)).toHaveLength(1);
    // A signed checkpoint at the last purged seq vouches for the link into what remains
    // (the sealer's own, if it had already written one there; else the command's).
    const [checkpoint]: { reason: string }[] = await app.dataSource.query(
      'SELECT reason FROM audit_checkpoints WHERE seq = $1',
      [toSeq],
    );
    expect(['retention', 'interval']).toContain(checkpoint.reason);

    // What remains verifies, through the API's verifier and the CLI; so does the archive.
    expect(await app.app.get(AuditVerifierService).verify()).toMatchObject({ ok: true });
    expect((await runAuditVerify([])).result).toMatchObject({ ok: true });
    const archived = await runAuditVerify([
      '--file',
      archive,
      '--manifest',
      `${archive}.manifest.json`,
    ]);
    expect(archived.result).toMatchObject({ ok: true, checked: purged });

    // The purge is itself audited, and sealing continues after the purged range.
    const [purge] = await waitForSealed(app.dataSource, 'audit.retention.purged', 1);
    expect(BigInt(purge.seq)).toBeGreaterThan(BigInt(toSeq));
  }, 240_000);
});
