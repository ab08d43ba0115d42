import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { Client } from 'pg';
import { createDatabase, dropDatabase, uniqueName, withDatabase } from '../../ops/db/test-database';
import { deleteRedisKeys } from '../../ops/dev-services/redis-keys';
import { chainHashOfCanonical } from '../src/audit-log/chain/event-hash';
import { canonicalOfRow, Col, EVENT_ROW_SELECT, type EventRow } from '../src/audit-log/event-row';
import { ApiProcess } from './support/api-process';
import { runAuditVerify } from './support/audit-cli';
import type { SpanLine } from './support/file-span-exporter';
import { waitFor } from './support/wait-for';

const TRACED_MAIN = join(__dirname, 'support', 'traced-main.ts');

function newTraceparent(): { traceparent: string; traceId: string; spanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

function spansIn(file: string): SpanLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SpanLine);
}

/**
 * One trace from a caller's `traceparent` through the API's HTTP handling and SQL, onto the
 * audit queue in Redis, into the worker process that seals the audit event (docs/operations.md,
 * "Tracing"). Both processes are the production entry point with the production tracing setup,
 * plus a test exporter writing their spans to a file each (support/traced-main.ts).
 */
describe('tracing: request → SQL → queue → sealer (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tt-tracing-'));
  const apiSpanFile = join(dir, 'api.jsonl');
  const workerSpanFile = join(dir, 'worker.jsonl');
  // Its own database, queue prefix and directories: with the run's shared ones, another suite's
  // worker could seal this suite's events, and this suite's worker another suite's seal job.
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_tracing');
  const isolated = {
    DATABASE_URL: withDatabase(serverUrl, database),
    QUEUE_PREFIX: database,
    AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'),
    AUDIT_EXPORT_DIR: join(dir, 'exports'),
  };
  const api = new ApiProcess(
    { ...isolated, APP_ROLE: 'api', LOG_LEVEL: 'info', OTEL_TEST_SPAN_FILE: apiSpanFile },
    TRACED_MAIN,
  );
  const worker = new ApiProcess(
    { ...isolated, APP_ROLE: 'worker', OTEL_TEST_SPAN_FILE: workerSpanFile },
    TRACED_MAIN,
  );

  const db = new Client({ connectionString: isolated.DATABASE_URL });

  beforeAll(async () => {
    await createDatabase(serverUrl, database);
    await db.connect();
    await api.start();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([api.stop(), worker.stop(), db.end()]);
    await dropDatabase(serverUrl, database);
    for (const pattern of [`${database}:*`, `{${database}:*`]) {
      await deleteRedisKeys(process.env.REDIS_URL ?? '', pattern);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Registers an employee in the caller's trace. */
  async function register(
    traceparent: string,
    email = `trace-${randomUUID()}@example.com`,
    password = `pw-${randomUUID()}`,
  ): Promise<void> {
    const response = await fetch(`${api.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent },
      body: JSON.stringify({ email, password, displayName: 'Traced' }),
    });
    expect(response.status).toBe(201);
  }

  it('carries the caller trace through HTTP, pg, ioredis, the queue and the sealer; links a batch to every request in it', async () => {
    const first = newTraceparent();
    const second = newTraceparent();
    // No worker yet: both requests' events wait in the outbox, both seal jobs in Redis. The
    // first job's drain then seals both events: one seal span, two requests' traces.
    await register(first.traceparent);
    await register(second.traceparent);
    // And one recorded outside any trace (as the CLI or a seed does): no trace id, hashed as
    // events always were, sealed in the same chain.
    await db.query(
      `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type,
         target_id, outcome) VALUES ('tracing.untraced', 'system', NULL, 'e2e', 'test', NULL, 'success')`,
    );

    const apiSpans = spansIn(apiSpanFile);
    const inFirst = apiSpans.filter((span) => span.traceId === first.traceId);
    const scopes = new Set(inFirst.map((span) => span.scope));
    // Spans of every instrumentation, and ours around the enqueue.
    for (const scope of [
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-fastify',
      '@opentelemetry/instrumentation-pg',
      '@opentelemetry/instrumentation-ioredis',
      'tasktrackr',
    ]) {
      expect({ scope, present: scopes.has(scope) }).toEqual({ scope, present: true });
    }
    const server = inFirst.find(
      (span) =>
        span.kind === SpanKind.SERVER && span.scope === '@opentelemetry/instrumentation-http',
    );
    // The caller's span is the parent of the API's first span: the trace was continued.
    expect(server?.parentSpanId).toBe(first.spanId);
    expect(server?.service).toBe('tasktrackr-api');
    const publish = inFirst.find((span) => span.kind === SpanKind.PRODUCER);
    expect(publish?.name).toBe('audit seal publish');

    // The request's log line carries the trace.
    const requestLine = api.log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) =>
          JSON.parse(line) as { trace_id?: string; span_id?: string; req?: { url?: string } },
      )
      .find((line) => line.req?.url === '/api/v1/auth/register' && line.trace_id === first.traceId);
    expect(requestLine?.span_id).toMatch(/^[0-9a-f]{16}$/);

    await worker.start();
    const { value: seal } = await waitFor(
      async () =>
        spansIn(workerSpanFile).find(
          (span) =>
            span.kind === SpanKind.CONSUMER && Number(span.attributes['audit.events_sealed']) >= 2,
        ),
      60_000,
      'the worker to seal both events in one job',
    );
    expect(seal.name).toBe('audit seal process');
    expect(seal.service).toBe('tasktrackr-worker');
    // Parented on the request that queued its job, linked to the other one.
    const [parentTrace, linkedTrace] =
      seal.traceId === first.traceId ? [first, second] : [second, first];
    expect(seal.traceId).toBe(parentTrace.traceId);
    const publishOfParent = apiSpans.find(
      (span) => span.traceId === parentTrace.traceId && span.kind === SpanKind.PRODUCER,
    );
    expect(seal.parentSpanId).toBe(publishOfParent?.spanId);
    expect(seal.links.map((link) => link.traceId)).toEqual([linkedTrace.traceId]);
    // The sealing SQL is in the same trace, under the seal span.
    const sealSql = spansIn(workerSpanFile).filter(
      (span) =>
        span.traceId === parentTrace.traceId && span.scope === '@opentelemetry/instrumentation-pg',
    );
    expect(sealSql.length).toBeGreaterThan(0);

    // Each sealed event carries its request's trace id, inside what its hash covers.
    {
      const { rows } = await db.query<EventRow>({
        text: `SELECT ${EVENT_ROW_SELECT} FROM audit_events WHERE trace_id = ANY($1) ORDER BY seq`,
        values: [[first.traceId, second.traceId]],
        rowMode: 'array',
      });
      expect(rows.map((row) => row[Col.TraceId])).toEqual([first.traceId, second.traceId]);
      for (const row of rows) {
        const canonical = canonicalOfRow(row);
        expect(canonical).toContain(`"traceId":"${row[Col.TraceId]}"`);
        expect(chainHashOfCanonical(row[Col.PrevHash] as string, canonical)).toBe(row[Col.Hash]);
      }
      const { rows: untraced } = await db.query<{ trace_id: string | null }>(
        `SELECT trace_id FROM audit_events WHERE action = 'tracing.untraced'`,
      );
      expect(untraced).toEqual([{ trace_id: null }]);
    }
    // The whole chain, traced and untraced events alike, verifies (npm run audit:verify).
    const verified = await runAuditVerify([], isolated);
    expect(verified.result).toMatchObject({ ok: true });
  }, 180_000);

  it('continues the requesting trace in the worker that writes a background export', async () => {
    const email = `trace-auditor-${randomUUID()}@example.com`;
    const password = `pw-${randomUUID()}`;
    await register(newTraceparent().traceparent, email, password);
    await db.query(`UPDATE users SET roles = '{auditor}' WHERE email = $1`, [email]);
    // A session begun after the role change.
    const login = await fetch(`${api.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    if (!worker.running) await worker.start();
    const asked = newTraceparent();
    const response = await fetch(`${api.baseUrl}/api/v1/audit/exports`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: asked.traceparent,
      },
      body: JSON.stringify({ format: 'csv' }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const { value: exportSpan } = await waitFor(
      async () =>
        spansIn(workerSpanFile).find(
          (span) => span.kind === SpanKind.CONSUMER && span.attributes['audit.export_id'] === id,
        ),
      60_000,
      'the worker to run the export job',
    );
    expect(exportSpan.name).toBe('audit export process');
    expect(exportSpan.traceId).toBe(asked.traceId);
    // Its SQL runs in that trace too.
    expect(
      spansIn(workerSpanFile).some(
        (span) =>
          span.traceId === asked.traceId && span.scope === '@opentelemetry/instrumentation-pg',
      ),
    ).toBe(true);
  }, 180_000);
});
