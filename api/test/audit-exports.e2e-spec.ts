import { createHash, createPublicKey, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { verifyDocument } from '../src/audit-log/chain/checkpoint-signer';
import { runAuditVerify } from './support/audit-cli';
import { createUser, TestUser } from './support/auth-helpers';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

describe('audit background exports (e2e)', () => {
  let app: TestApp;
  let auditor: TestUser;
  let employee: TestUser;
  const prefix = uniqueActionPrefix('exports');

  beforeAll(async () => {
    app = await startTestApp({ role: 'all', configOverrides: { AUDIT_SWEEP_INTERVAL_MS: '500' } });
    [auditor, employee] = await Promise.all([
      createUser(app, { roles: ['auditor'] }),
      createUser(app, { roles: ['employee'] }),
    ]);
    await app.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 25; i += 1) {
        await app.app
          .get(AuditLogService)
          .record(manager, testEvent(`${prefix}.${i % 5 === 0 ? 'special' : 'plain'}`));
      }
    });
    await waitForSealed(app.dataSource, prefix, 25);
  });
  afterAll(() => app.close());

  async function finished(id: string) {
    const { value } = await waitFor(
      async () => {
        const { data } = await auditor.client.GET('/api/v1/audit/exports/{id}', {
          params: { path: { id } },
        });
        return data?.status === 'done' || data?.status === 'failed' ? data : undefined;
      },
      30_000,
      `export ${id} to finish`,
    );
    return value;
  }

  it.each(['jsonl', 'csv'] as const)(
    'writes a %s file whose signed manifest matches it and the query',
    async (format) => {
      const created = await auditor.client.POST('/api/v1/audit/exports', {
        body: { format, filters: { action: `${prefix}.special` } },
      });
      expect(created.response.status).toBe(202);
      const id = created.data?.id ?? '';
      const status = await finished(id);
      expect(status).toMatchObject({ id, status: 'done', progress: 100, format, error: null });

      const { data: page } = await auditor.client.GET('/api/v1/audit/events', {
        params: { query: { action: `${prefix}.special`, limit: 100 } },
      });
      const expected = [...(page?.items ?? [])].reverse();
      const manifest = status.manifest;
      expect(manifest).toMatchObject({
        exportId: id,
        format,
        filters: { action: `${prefix}.special` },
        count: 5,
        firstSeq: expected[0].seq,
        firstHash: expected[0].hash,
        lastSeq: expected[4].seq,
        lastHash: expected[4].hash,
      });

      const download = await auditor.client.GET('/api/v1/audit/exports/{id}/download', {
        params: { path: { id } },
        parseAs: 'arrayBuffer',
      });
      expect(download.response.status).toBe(200);
      const file = Buffer.from(download.data ?? new ArrayBuffer(0));
      expect(createHash('sha256').update(file).digest('hex')).toBe(manifest?.fileSha256);

      const key = await app.sdk.GET('/api/v1/audit/public-key');
      const publicKey = createPublicKey(key.data?.publicKeyPem ?? '');
      expect(verifyDocument(publicKey, manifest, status.signature ?? '')).toBe(true);
      expect(verifyDocument(publicKey, { ...manifest, count: 4 }, status.signature ?? '')).toBe(
        false,
      );

      const text = file.toString('utf8');
      if (format === 'jsonl') {
        expect(
          text
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line) as unknown),
        ).toEqual(expected);
      } else {
        const rows = text.split('\r\n').filter(Boolean);
        expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(expected.map((e) => e.seq));
      }
    },
  );

  it('audits the request and the download', async () => {
    const created = await auditor.client.POST('/api/v1/audit/exports', {
      body: { format: 'jsonl', filters: { action: `${prefix}.plain` } },
    });
    const id = created.data?.id ?? '';
    await finished(id);
    await auditor.client.GET('/api/v1/audit/exports/{id}/download', {
      params: { path: { id } },
      parseAs: 'text',
    });
    await waitFor(
      async () => {
        const rows: { action: string }[] = await app.dataSource.query(
          'SELECT action FROM audit_events WHERE target_id = $1 ORDER BY seq',
          [id],
        );
        return rows.length === 2 ? rows : undefined;
      },
      20_000,
      'export request and download events',
    ).then(({ value }) =>
      expect(value.map((row) => row.action)).toEqual([
        'audit.export.requested',
        'audit.export.downloaded',
      ]),
    );
  });

  it('answers 202 with a Location that resolves to the export’s status', async () => {
    const created = await auditor.client.POST('/api/v1/audit/exports', {
      body: { format: 'csv', filters: { action: `${prefix}.special` } },
    });
    expect(created.response.status).toBe(202);
    const location = created.response.headers.get('location');
    expect(location).toBe(`/api/v1/audit/exports/${created.data?.id}`);

    // Resolved against the request URL, as a client does.
    const status = await fetch(new URL(location ?? '', created.response.url), {
      headers: { Authorization: `Bearer ${auditor.accessToken}` },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ id: created.data?.id, format: 'csv' });
    await finished(created.data?.id ?? '');
  });

  it('answers 404 for an unknown export and 403 to employees', async () => {
    const unknown = await auditor.client.GET('/api/v1/audit/exports/{id}', {
      params: { path: { id: randomUUID() } },
    });
    expect(unknown.response.status).toBe(404);
    const refused = await employee.client.POST('/api/v1/audit/exports', {
      body: { format: 'csv' },
    });
    expect(refused.response.status).toBe(403);
  });

  it('validates the request body', async () => {
    const bad = await auditor.client.POST('/api/v1/audit/exports', {
      body: { format: 'xml' as 'csv', filters: { outcome: 'maybe' as 'success' } },
    });
    expect(bad.response.status).toBe(400);
  });

  it('npm run audit:verify refuses a seq past a Postgres bigint as misuse (exit 2)', async () => {
    const run = await runAuditVerify(['--to-seq', '9999999999999999999']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to-seq must be a whole number from 1 to');
  });

  it('npm run audit:verify checks the database chain and an export file offline', async () => {
    const db = await runAuditVerify([]);
    expect(db.result).toMatchObject({ ok: true });
    expect(db.code).toBe(0);

    const created = await auditor.client.POST('/api/v1/audit/exports', {
      body: { format: 'jsonl', filters: { action: prefix } },
    });
    const status = await finished(created.data?.id ?? '');
    const file = await auditor.client.GET('/api/v1/audit/exports/{id}/download', {
      params: { path: { id: status.id } },
      parseAs: 'text',
    });
    const key = await app.sdk.GET('/api/v1/audit/public-key');
    const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
    const paths = {
      file: join(dir, 'export.jsonl'),
      tampered: join(dir, 'tampered.jsonl'),
      manifest: join(dir, 'export.json'),
      key: join(dir, 'key.pem'),
    };
    writeFileSync(paths.file, file.data ?? '');
    writeFileSync(
      paths.tampered,
      (file.data ?? '').replace('"outcome":"success"', '"outcome":"failure"'),
    );
    writeFileSync(paths.manifest, JSON.stringify(status));
    writeFileSync(paths.key, key.data?.publicKeyPem ?? '');
    const args = ['--manifest', paths.manifest, '--public-key', paths.key];

    const good = await runAuditVerify(['--file', paths.file, ...args]);
    expect(good).toMatchObject({ code: 0, result: { ok: true, checked: 25 } });
    const bad = await runAuditVerify(['--file', paths.tampered, ...args]);
    expect(bad.code).toBe(1);
    expect(bad.result).toMatchObject({ ok: false });
  }, 180_000);
});
