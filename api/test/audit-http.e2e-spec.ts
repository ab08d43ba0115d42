import { createPublicKey } from 'node:crypto';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { verifyCheckpoint } from '../src/audit-log/chain/checkpoint-signer';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';

describe('audit HTTP API (e2e)', () => {
  let app: TestApp;
  let auditor: TestUser;
  let admin: TestUser;
  let employee: TestUser;
  const prefix = uniqueActionPrefix('http');

  beforeAll(async () => {
    app = await startTestApp();
    [auditor, admin, employee] = await Promise.all([
      createUser(app, { roles: ['auditor'] }),
      createUser(app, { roles: ['admin'] }),
      createUser(app, { roles: ['employee'] }),
    ]);
    const audit = app.app.get(AuditLogService);
    await app.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 7; i += 1) {
        await audit.record(
          manager,
          testEvent(`${prefix}.${i % 2 === 0 ? 'even' : 'odd'}`, {
            target: { type: 'doc', id: `doc-${i}` },
            outcome: i === 3 ? 'failure' : 'success',
            actor: { type: 'user', id: `actor-${i % 3}`, display: i === 5 ? '=cmd|x' : 'Ada, L.' },
          }),
        );
      }
    });
    await waitForSealed(app.dataSource, prefix, 7);
  });
  afterAll(() => app.close());

  it('lists matching events newest first, following nextCursor to the end', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { data, response } = await auditor.client.GET('/api/v1/audit/events', {
        params: { query: { action: prefix, limit: 3, cursor } },
      });
      expect(response.status).toBe(200);
      seen.push(...(data?.items ?? []).map((event) => event.seq));
      if (!data?.nextCursor) break;
      cursor = data.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
  });

  it('applies every filter', async () => {
    const get = async (query: Record<string, string>) => {
      const { data } = await admin.client.GET('/api/v1/audit/events', {
        params: { query: { action: prefix, ...query } },
      });
      return (data?.items ?? []).map((event) => event.target.id).sort();
    };
    expect(await get({ action: `${prefix}.odd` })).toEqual(['doc-1', 'doc-3', 'doc-5']);
    expect(await get({ outcome: 'failure' })).toEqual(['doc-3']);
    expect(await get({ actorId: 'actor-0' })).toEqual(['doc-0', 'doc-3', 'doc-6']);
    expect(await get({ targetType: 'doc', targetId: 'doc-4' })).toEqual(['doc-4']);
    expect(await get({ to: '2000-01-01T00:00:00Z' })).toEqual([]);
    expect(await get({ from: '2000-01-01T00:00:00Z' })).toHaveLength(7);
  });

  it('returns the full event shape', async () => {
    const { data } = await auditor.client.GET('/api/v1/audit/events', {
      params: { query: { action: prefix, targetId: 'doc-5' } },
    });
    expect(data?.items[0]).toMatchObject({
      action: `${prefix}.odd`,
      actor: { type: 'user', id: 'actor-2', display: '=cmd|x' },
      target: { type: 'doc', id: 'doc-5' },
      outcome: 'success',
      ip: '127.0.0.1',
      userAgent: 'audit-e2e',
      changes: { title: { before: 'old', after: 'new' } },
    });
    expect(data?.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses employees (403) and anonymous callers (401)', async () => {
    expect((await employee.client.GET('/api/v1/audit/events')).response.status).toBe(403);
    expect((await app.sdk.GET('/api/v1/audit/events')).response.status).toBe(401);
    const exported = await employee.client.GET('/api/v1/audit/events/export', {
      params: { query: { format: 'csv' } },
      parseAs: 'text',
    });
    expect(exported.response.status).toBe(403);
    expect((await employee.client.GET('/api/v1/audit/verify')).response.status).toBe(403);
  });

  it('needs the audit:export scope to export with an API token', async () => {
    const readOnly = await createApiToken(app, auditor, ['audit:read']);
    expect((await readOnly.client.GET('/api/v1/audit/events')).response.status).toBe(200);
    const exported = await readOnly.client.GET('/api/v1/audit/events/export', {
      params: { query: { format: 'jsonl' } },
      parseAs: 'text',
    });
    expect(exported.response.status).toBe(403);
  });

  it('rejects an invalid filter or cursor with a problem', async () => {
    const bad = await auditor.client.GET('/api/v1/audit/events', {
      params: { query: { cursor: 'not-a-cursor' } },
    });
    expect(bad.response.status).toBe(400);
    const badDate = await auditor.client.GET('/api/v1/audit/events', {
      params: { query: { from: 'yesterday' } },
    });
    expect(badDate.response.status).toBe(400);
  });

  it('audits reading and exporting, by whom and with which filters', async () => {
    await auditor.client.GET('/api/v1/audit/events', { params: { query: { action: prefix } } });
    await auditor.client.GET('/api/v1/audit/events/export', {
      params: { query: { format: 'csv', action: prefix } },
      parseAs: 'text',
    });
    const reads = await waitForSealed(app.dataSource, 'audit.events.', 2);
    const [mine]: Record<string, unknown>[] = await app.dataSource.query(
      `SELECT actor_type, actor_id, changes FROM audit_events
        WHERE action = 'audit.events.exported' AND actor_id = $1`,
      [auditor.userId],
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(mine).toMatchObject({
      actor_type: 'user',
      changes: { export: { after: { format: 'csv', filters: { action: prefix } } } },
    });
  });

  it('exports CSV and JSON Lines that match the query', async () => {
    const { data: page } = await auditor.client.GET('/api/v1/audit/events', {
      params: { query: { action: prefix, limit: 100 } },
    });
    const expected = [...(page?.items ?? [])].reverse();

    const jsonl = await auditor.client.GET('/api/v1/audit/events/export', {
      params: { query: { format: 'jsonl', action: prefix } },
      parseAs: 'text',
    });
    expect(jsonl.response.status).toBe(200);
    expect(jsonl.response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(jsonl.response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-events-.+\.jsonl"$/,
    );
    const lines = (jsonl.data ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual(expected);

    const csv = await auditor.client.GET('/api/v1/audit/events/export', {
      params: { query: { format: 'csv', action: prefix } },
      parseAs: 'text',
    });
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (csv.data ?? '').split('\r\n').filter(Boolean);
    expect(rows[0]).toBe(
      'seq,id,occurredAt,actorType,actorId,actorDisplay,action,targetType,targetId,outcome,ip,userAgent,requestId,traceId,changes,prevHash,hash',
    );
    expect(rows).toHaveLength(expected.length + 1);
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(expected.map((e) => e.seq));
    const formulaRow = rows.find((row) => row.includes('doc-5'));
    expect(formulaRow).toContain(",'=cmd|x,");
    expect(rows.find((row) => row.includes('doc-0'))).toContain(',"Ada, L.",');
  });

  it('verifies the chain and publishes the key that checks its checkpoints', async () => {
    const { data, response } = await auditor.client.GET('/api/v1/audit/verify');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ ok: true });
    expect(data?.checked).toBeGreaterThanOrEqual(7);

    const key = await app.sdk.GET('/api/v1/audit/public-key');
    expect(key.response.status).toBe(200);
    expect(key.data?.algorithm).toBe('Ed25519');
    const publicKey = createPublicKey(key.data?.publicKeyPem ?? '');
    const checkpoints: {
      seq: string;
      hash: string;
      createdAt: Date;
      keyId: string;
      signature: string;
    }[] = await app.dataSource.query(
      `SELECT seq, hash, created_at AS "createdAt", key_id AS "keyId", signature
           FROM audit_checkpoints`,
    );
    expect(checkpoints.length).toBeGreaterThan(0);
    for (const checkpoint of checkpoints) {
      expect(checkpoint.keyId).toBe(key.data?.keyId);
      expect(verifyCheckpoint(publicKey, checkpoint, checkpoint.signature)).toBe(true);
    }
  });

  it('shows outbox backlog and lag in readiness details and as metrics', async () => {
    const { data, response } = await app.sdk.GET('/api/v1/health/ready');
    expect(response.status).toBe(200);
    expect(data?.details.auditOutbox).toMatchObject({ status: 'up' });
    const outbox = data?.details.auditOutbox as unknown as Record<string, unknown>;
    expect(typeof outbox.backlog).toBe('number');
    expect(typeof outbox.oldestAgeSeconds).toBe('number');

    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^audit_outbox_backlog\{[^}]*\} \d+$/m);
    expect(metrics).toMatch(/^audit_outbox_oldest_age_seconds\{[^}]*\} [\d.e+-]+$/m);
    expect(metrics).toMatch(/^audit_events_sealed_total\{[^}]*\} [1-9]\d*$/m);
  });
});
