import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { components } from '@tasktrackr/sdk';
import { ConfigService } from '@nestjs/config';
import { freePort } from '../../ops/dev-services/free-port';
import { AuditStreamDelivery } from '../src/audit-streams/audit-stream-delivery';
import { AuditStreamMetrics } from '../src/audit-streams/audit-stream-metrics';
import { AuditStreamsRepository } from '../src/audit-streams/audit-streams.repository';
import { StreamSinks } from '../src/audit-streams/sinks/stream-sinks';
import { OutboundHttpClient, parseAllowList } from '../src/common/outbound';
import type { Env } from '../src/config/env.schema';
import { uniqueName } from '../../ops/db/test-database';
import { createApiToken, createUser, TestUser } from './support/auth-helpers';
import { uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { AuditWorkerProcess } from './support/audit-worker-process';
import { ReceivedRequest, StreamReceiver } from './support/stream-receiver';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

type AuditStream = components['schemas']['AuditStream'];
type CreateAuditStream = components['schemas']['CreateAuditStream'];

/** The batch header every sink carries (body fields; HTTP sinks also as X-Audit-* headers). */
interface BatchHeader {
  batchId: string;
  streamId: string;
  firstSeq: string;
  lastSeq: string;
  count: number;
  prevHash: string;
  lastHash: string;
}
interface JsonEvent {
  seq: string;
  prevHash: string;
  hash: string;
  action: string;
}
interface Batch extends BatchHeader {
  events: JsonEvent[];
}

/** The export's JSON Lines event shape (docs/audit-log.md), field for field. */
const EXPORT_EVENT_KEYS = [
  'action',
  'actor',
  'changes',
  'hash',
  'id',
  'ip',
  'occurredAt',
  'outcome',
  'prevHash',
  'requestId',
  'seq',
  'target',
  'traceId',
  'userAgent',
];

const POLL_MS = 200;

/**
 * Audit-log streaming (issue #19) end to end: the API on role `api` configures streams; a real
 * worker process (the production entry point) seals the events and delivers them to a receiver
 * on loopback (allow-listed for the outbound guard) and to a file sink.
 */
describe('audit streams (e2e)', () => {
  let app: TestApp;
  let worker: AuditWorkerProcess;
  let workerPort: number;
  let receiver: StreamReceiver;
  let receiverUrl: string;
  let auditor: TestUser;
  const fileDir = mkdtempSync(join(tmpdir(), 'tt-audit-streams-'));
  const queuePrefix = uniqueName('tt_streams');
  const outbound = { OUTBOUND_ALLOW_HTTP: 'true', OUTBOUND_ALLOW_HOSTS: '127.0.0.1' };

  beforeAll(async () => {
    receiver = new StreamReceiver();
    receiverUrl = await receiver.start();
    app = await startTestApp({
      role: 'api',
      configOverrides: { QUEUE_PREFIX: queuePrefix, AUDIT_STREAM_FILE_DIR: fileDir, ...outbound },
    });
    workerPort = await freePort();
    worker = new AuditWorkerProcess({
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
      QUEUE_PREFIX: queuePrefix,
      PORT: String(workerPort),
      AUDIT_SWEEP_INTERVAL_MS: '300',
      AUDIT_STREAM_FILE_DIR: fileDir,
      AUDIT_STREAM_POLL_MS: String(POLL_MS),
      AUDIT_STREAM_RETRY_BASE_MS: '200',
      AUDIT_STREAM_RETRY_MAX_MS: '800',
      ...outbound,
    });
    worker.start();
    auditor = await createUser(app, { roles: ['auditor'] });
    await waitForWorker();
  }, 180_000);
  afterAll(async () => {
    await worker.kill();
    await app.close();
    await receiver.stop();
  });

  async function waitForWorker(): Promise<void> {
    await waitFor(
      async () => {
        const answer = await fetch(`http://127.0.0.1:${workerPort}/metrics`).catch(() => null);
        return answer?.ok ? true : undefined;
      },
      150_000,
      'the worker to serve /metrics',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- worker log ---\n${worker.log}`);
    });
  }

  async function createStream(body: CreateAuditStream): Promise<AuditStream> {
    const { data, response } = await auditor.client.POST('/api/v1/audit/streams', { body });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/audit/streams/${data?.id}`);
    return data as AuditStream;
  }

  async function getStream(id: string): Promise<AuditStream> {
    const { data } = await auditor.client.GET('/api/v1/audit/streams/{id}', {
      params: { path: { id } },
    });
    return data as AuditStream;
  }

  async function setPaused(id: string, paused: boolean): Promise<AuditStream> {
    const path = paused ? '/api/v1/audit/streams/{id}/pause' : '/api/v1/audit/streams/{id}/resume';
    const { data, response } = await auditor.client.POST(path, { params: { path: { id } } });
    expect(response.status).toBe(200);
    return data as AuditStream;
  }

  /** `count` events captured straight into the outbox; answers their seqs once sealed. */
  async function captureEvents(count: number): Promise<string[]> {
    const prefix = uniqueActionPrefix('stream');
    await app.dataSource.query(
      `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type,
                                 target_id, changes, outcome, ip, user_agent, request_id)
       SELECT $1 || '.' || lpad(i::text, 4, '0') || CASE WHEN i % 3 = 0 THEN '.deleted' ELSE '.created' END,
              'user', 'u-' || i, 'streamer@example.com', 'task', i::text,
              jsonb_build_object('n', jsonb_build_object('after', i)),
              CASE WHEN i % 5 = 0 THEN 'failure' ELSE 'success' END,
              '203.0.113.' || (i % 250), 'e2e-agent', gen_random_uuid()::text
         FROM generate_series(1, $2::int) AS i`,
      [prefix, count],
    );
    const rows = await waitForSealed(app.dataSource, prefix, count, 60_000);
    return rows.map((row) => row.seq);
  }

  /** Waits until the stream's cursor is at or past `seq`. */
  async function waitDelivered(id: string, seq: string, timeoutMs = 60_000): Promise<AuditStream> {
    const { value } = await waitFor(
      async () => {
        const stream = await getStream(id);
        return BigInt(stream.health.lastSeq) >= BigInt(seq) ? stream : undefined;
      },
      timeoutMs,
      `stream ${id} to deliver up to seq ${seq}`,
    ).catch(async (error: Error) => {
      throw new Error(
        `${error.message}: ${JSON.stringify(await getStream(id))}\n--- worker log ---\n${worker.log}`,
      );
    });
    return value;
  }

  async function chainHashAt(seq: string): Promise<string> {
    const [row]: { hash: string }[] = await app.dataSource.query(
      'SELECT hash FROM audit_events WHERE seq = $1',
      [seq],
    );
    return row.hash;
  }

  const seqRange = (from: bigint, to: bigint) =>
    Array.from({ length: Number(to - from + 1n) }, (_, i) => (from + BigInt(i)).toString());

  /** HTTP JSON batches in arrival order, the body's header checked against the X-Audit-* headers. */
  function jsonBatches(requests: ReceivedRequest[]): Batch[] {
    return requests.map((request) => {
      const batch = JSON.parse(request.body) as Batch;
      expect(request.headers['content-type']).toBe('application/json');
      expect({
        id: request.headers['x-audit-batch-id'],
        first: request.headers['x-audit-seq-first'],
        last: request.headers['x-audit-seq-last'],
        prev: request.headers['x-audit-prev-hash'],
        end: request.headers['x-audit-last-hash'],
      }).toEqual({
        id: batch.batchId,
        first: batch.firstSeq,
        last: batch.lastSeq,
        prev: batch.prevHash,
        end: batch.lastHash,
      });
      return batch;
    });
  }

  /**
   * What a receiver checks: each batch's range matches its events, the events chain inside it
   * (prevHash = previous hash), the batch id names the range, and consecutive batches join
   * (firstSeq = previous lastSeq + 1, prevHash = previous lastHash).
   */
  function expectContinuous(batches: Batch[], streamId: string, startHash: string | null): void {
    let previous: Batch | undefined;
    for (const batch of batches) {
      expect(batch.events.map((event) => event.seq)).toEqual(
        seqRange(BigInt(batch.firstSeq), BigInt(batch.lastSeq)),
      );
      expect(batch.count).toBe(batch.events.length);
      expect(batch.batchId).toBe(`${streamId}:${batch.firstSeq}-${batch.lastSeq}`);
      expect(batch.streamId).toBe(streamId);
      expect(batch.events[0].prevHash).toBe(batch.prevHash);
      expect(batch.events[batch.events.length - 1].hash).toBe(batch.lastHash);
      batch.events
        .slice(1)
        .forEach((event, i) => expect(event.prevHash).toBe(batch.events[i].hash));
      if (previous) {
        expect(BigInt(batch.firstSeq)).toBe(BigInt(previous.lastSeq) + 1n);
        expect(batch.prevHash).toBe(previous.lastHash);
      } else if (startHash !== null) {
        expect(batch.prevHash).toBe(startHash);
      }
      previous = batch;
    }
  }

  /** The worker's delivery service, assembled in this process on the API app's config. */
  function secondDeliverer(): AuditStreamDelivery {
    const config = app.app.get<ConfigService<Env, true>>(ConfigService);
    const http = new OutboundHttpClient({ allow: parseAllowList(['127.0.0.1']), allowHttp: true });
    const repository = new AuditStreamsRepository(app.dataSource);
    return new AuditStreamDelivery(
      app.dataSource,
      new StreamSinks(http, config),
      new AuditStreamMetrics(repository),
      config,
    );
  }

  async function metricsText(baseUrl: string): Promise<string> {
    return (await fetch(`${baseUrl}/metrics`)).text();
  }

  /** The sample of `name` whose labels include every one of `labels` (any order). */
  function metricValue(text: string, name: string, ...labels: string[]): number | undefined {
    const line = text
      .split('\n')
      .find(
        (candidate) =>
          candidate.startsWith(`${name}{`) && labels.every((label) => candidate.includes(label)),
      );
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /**
   * A jsonl stream (batches of 10) over `count` events sealed while it was paused, so every
   * range is fixed; the receiver holds its `nth` batch unanswered. Resolves once that batch is
   * held; `restore` puts the receiver's previous answers back.
   */
  async function streamHeldAt(name: string, count: number, nth: number) {
    const path = `/held/${randomUUID()}`;
    const created = await createStream({
      name,
      kind: 'http-json',
      format: 'jsonl',
      url: `${receiverUrl}${path}`,
      batchSize: 10,
      startAt: 'now',
    });
    await setPaused(created.id, true);
    const seqs = await captureEvents(count);
    const previousAnswer = receiver.answer;
    receiver.answer = (request) =>
      request.path === path && receiver.on(path).length === nth ? 'hold' : previousAnswer(request);
    const restore = () => {
      receiver.answer = previousAnswer;
    };
    try {
      await setPaused(created.id, false);
      await waitFor(
        async () => (receiver.heldCount === 1 ? true : undefined),
        60_000,
        `batch ${nth} to be held`,
      );
    } catch (error) {
      restore();
      throw error;
    }
    return { path, created, seqs, restore };
  }

  it('http-json: batches arrive in seq order with their range and chain hash; pause stops, resume continues', async () => {
    const path = `/json/${randomUUID()}`;
    const created = await createStream({
      name: 'Generic JSON',
      kind: 'http-json',
      format: 'jsonl',
      url: `${receiverUrl}${path}`,
      secret: 'bearer-secret',
      batchSize: 7,
      startAt: 'now',
    });
    expect(created).toMatchObject({ kind: 'http-json', paused: false, hasSecret: true });
    expect(JSON.stringify(created)).not.toContain('bearer-secret');

    const first = await captureEvents(30);
    await waitDelivered(created.id, first[first.length - 1]);

    // Paused: nothing more goes out, lag grows; resumed: the rest arrives, nothing skipped.
    const paused = await setPaused(created.id, true);
    expect(paused.paused).toBe(true);
    const second = await captureEvents(25);
    const sentBefore = receiver.on(path).length;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 10));
    const sentWhilePaused = jsonBatches(receiver.on(path).slice(sentBefore)).flatMap((batch) =>
      batch.events.map((event) => event.seq),
    );
    expect(sentWhilePaused.filter((seq) => second.includes(seq))).toEqual([]);
    const whilePaused = await getStream(created.id);
    expect(whilePaused.paused).toBe(true);
    expect(whilePaused.health.lagEvents).toBeGreaterThanOrEqual(25);
    expect(BigInt(whilePaused.health.lastSeq)).toBeLessThan(BigInt(second[0]));

    await setPaused(created.id, false);
    const done = await waitDelivered(created.id, second[second.length - 1]);

    const requests = receiver.on(path);
    for (const request of requests)
      expect(request.headers.authorization).toBe('Bearer bearer-secret');
    const batches = jsonBatches(requests);
    expectContinuous(batches, created.id, created.health.lastHash);
    const seqs = batches.flatMap((batch) => batch.events.map((event) => event.seq));
    expect(seqs).toEqual(
      seqRange(BigInt(created.health.lastSeq) + 1n, BigInt(done.health.lastSeq)),
    );
    expect(seqs).toEqual(expect.arrayContaining([...first, ...second]));
    expect(Math.max(...batches.map((batch) => batch.count))).toBe(7);
    expect(Object.keys(batches[0].events[0]).sort()).toEqual(EXPORT_EVENT_KEYS);
    // The chain hash at the cursor is the sealed log's own.
    expect(done.health.lastHash).toBe(await chainHashAt(done.health.lastSeq));
    expect(batches[batches.length - 1].lastHash).toBe(
      await chainHashAt(batches[batches.length - 1].lastSeq),
    );
  }, 180_000);

  it('splunk-hec with OCSF: HEC batch body, Splunk token, indexed batch fields, OCSF classes', async () => {
    const path = `/hec/${randomUUID()}/services/collector/event`;
    const created = await createStream({
      name: 'Splunk',
      kind: 'splunk-hec',
      format: 'ocsf',
      url: `${receiverUrl}${path}`,
      secret: 'hec-token-123',
      startAt: 'now',
    });
    const seqs = await captureEvents(12);
    await waitDelivered(created.id, seqs[seqs.length - 1]);

    const requests = receiver.on(path);
    expect(requests.length).toBeGreaterThan(0);
    const delivered: Record<string, unknown>[] = [];
    for (const request of requests) {
      expect(request.headers.authorization).toBe('Splunk hec-token-123');
      // HEC's batch format: event objects one after another.
      const objects = request.body
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const object of objects) {
        expect(Object.keys(object).sort()).toEqual([
          'event',
          'fields',
          'source',
          'sourcetype',
          'time',
        ]);
        expect(typeof object.time).toBe('number');
        expect(object.sourcetype).toBe('ocsf');
        expect(object.fields).toEqual({
          audit_stream_id: created.id,
          audit_batch_id: request.headers['x-audit-batch-id'],
          audit_seq_first: request.headers['x-audit-seq-first'],
          audit_seq_last: request.headers['x-audit-seq-last'],
          audit_prev_hash: request.headers['x-audit-prev-hash'],
          audit_last_hash: request.headers['x-audit-last-hash'],
        });
        delivered.push(object.event as Record<string, unknown>);
      }
    }
    const ours = delivered.filter((event) =>
      seqs.includes((event.unmapped as { seq: string }).seq),
    );
    expect(ours).toHaveLength(12);
    for (const event of ours) {
      expect(event).toMatchObject({
        class_uid: 6003,
        category_uid: 6,
        metadata: { version: '1.1.0', product: { name: 'TaskTrackr' } },
        actor: { user: { name: 'streamer@example.com' } },
        src_endpoint: { ip: expect.stringMatching(/^203\.0\.113\./) as unknown },
        api: { operation: expect.stringMatching(/\.(created|deleted)$/) as unknown },
      });
      const {
        activity_id: activity,
        type_uid: typeUid,
        status_id: status,
      } = event as Record<string, number>;
      expect(typeUid).toBe(600300 + activity);
      expect([1, 4]).toContain(activity);
      expect([1, 2]).toContain(status);
      expect(typeof event.time).toBe('number');
    }
    expect(JSON.stringify(await getStream(created.id))).not.toContain('hec-token-123');
  }, 120_000);

  it('file sink: JSON Lines, a header line per batch, fsynced before the cursor moves', async () => {
    const fileName = `e2e-${randomUUID()}.jsonl`;
    const created = await createStream({
      name: 'Archive',
      kind: 'file',
      format: 'jsonl',
      fileName,
      batchSize: 9,
      startAt: 'now',
    });
    const seqs = await captureEvents(40);
    const done = await waitDelivered(created.id, seqs[seqs.length - 1]);

    const lines = readFileSync(join(fileDir, fileName), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const batches: Batch[] = [];
    for (const line of lines) {
      const parsed = JSON.parse(line) as { auditStreamBatch?: BatchHeader } & JsonEvent;
      if (parsed.auditStreamBatch) batches.push({ ...parsed.auditStreamBatch, events: [] });
      else batches[batches.length - 1].events.push(parsed);
    }
    expectContinuous(batches, created.id, created.health.lastHash);
    const streamed = batches.flatMap((batch) => batch.events.map((event) => event.seq));
    expect(streamed).toEqual(
      seqRange(BigInt(created.health.lastSeq) + 1n, BigInt(done.health.lastSeq)),
    );
    expect(Object.keys(batches[0].events[0]).sort()).toEqual(EXPORT_EVENT_KEYS);
  }, 120_000);

  it('a receiver answering 500 gets the same batch again with backoff; the cursor waits; then it is delivered', async () => {
    const path = `/fail/${randomUUID()}`;
    let failing = true;
    const previousAnswer = receiver.answer;
    receiver.answer = (request) =>
      request.path === path && failing ? 500 : previousAnswer(request);
    try {
      const created = await createStream({
        name: 'Flaky',
        kind: 'http-json',
        format: 'jsonl',
        url: `${receiverUrl}${path}`,
        startAt: 'now',
      });
      const seqs = await captureEvents(5);
      await waitFor(
        async () => (receiver.on(path).length >= 3 ? true : undefined),
        60_000,
        'three attempts at the failing receiver',
      );
      const stuck = await getStream(created.id);
      expect(stuck.health.lastSeq).toBe(created.health.lastSeq);
      expect(stuck.health.attempts).toBeGreaterThanOrEqual(2);
      expect(stuck.health.lastError?.message).toMatch(/500/);
      expect(stuck.health.lagEvents).toBeGreaterThanOrEqual(5);
      // Every attempt starts right after the cursor.
      const firstSeqs = new Set(receiver.on(path).map((r) => r.headers['x-audit-seq-first']));
      expect([...firstSeqs]).toEqual([(BigInt(created.health.lastSeq) + 1n).toString()]);

      const label = `stream="${created.id}"`;
      const workerMetrics = await metricsText(`http://127.0.0.1:${workerPort}`);
      expect(
        metricValue(workerMetrics, 'audit_stream_batches_total', label, 'outcome="failed"'),
      ).toBeGreaterThanOrEqual(2);
      const apiMetrics = await metricsText(app.baseUrl);
      expect(metricValue(apiMetrics, 'audit_stream_lag_events', label)).toBeGreaterThanOrEqual(5);
      expect(metricValue(apiMetrics, 'audit_stream_lag_seconds', label)).toBeGreaterThanOrEqual(0);

      failing = false;
      const done = await waitDelivered(created.id, seqs[seqs.length - 1]);
      expect(done.health.attempts).toBe(0);
      expect(done.health.lastError?.message).toMatch(/500/);
      const delivered = receiver
        .on(path)
        .slice(-1)
        .map((r) => JSON.parse(r.body) as Batch);
      expect(delivered[0].firstSeq).toBe((BigInt(created.health.lastSeq) + 1n).toString());
      const after = await metricsText(`http://127.0.0.1:${workerPort}`);
      expect(
        metricValue(after, 'audit_stream_batches_total', label, 'outcome="delivered"'),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      receiver.answer = previousAnswer;
    }
  }, 120_000);

  it('a worker SIGKILLed with a batch at the receiver: the batch comes again (same range, same id), then the rest; no gap, no other duplicate', async () => {
    const { path, created, seqs, restore } = await streamHeldAt('Crash test', 60, 3);
    try {
      // One batch in flight per stream: a second deliverer (this process, beside the worker
      // process) finds the stream's cursor locked and skips it; the receiver still has three.
      expect(await secondDeliverer().deliverNext(created.id)).toBe('skipped');
      expect(receiver.on(path)).toHaveLength(3);
      // The receiver has the batch; the worker dies before it hears back or commits its cursor.
      await worker.kill();
      receiver.release(200);
      const atKill = await getStream(created.id);
      const held = JSON.parse(receiver.on(path)[2].body) as Batch;
      expect(BigInt(atKill.health.lastSeq)).toBe(BigInt(held.firstSeq) - 1n);

      worker.start();
      await waitForWorker();
      const done = await waitDelivered(created.id, seqs[seqs.length - 1], 120_000);

      const batches = jsonBatches(receiver.on(path));
      const resent = batches.filter((batch) => batch.batchId === held.batchId);
      expect(resent).toHaveLength(2);
      expect(resent[1]).toEqual(resent[0]);
      // As a receiver deduplicating by batch id sees it: every seq once, in order, no gap.
      const unique = batches.filter(
        (batch, i) => batches.findIndex((b) => b.batchId === batch.batchId) === i,
      );
      expectContinuous(unique, created.id, created.health.lastHash);
      const seen = unique.flatMap((batch) => batch.events.map((event) => event.seq));
      expect(seen).toEqual(
        seqRange(BigInt(created.health.lastSeq) + 1n, BigInt(done.health.lastSeq)),
      );
      expect(seen).toEqual(expect.arrayContaining(seqs));
      // Raw: the only seqs received twice are the held batch's (at-least-once, nothing else).
      const raw = batches.flatMap((batch) => batch.events.map((event) => event.seq));
      const twice = raw.filter((seq, i) => raw.indexOf(seq) !== i);
      expect(twice).toEqual(held.events.map((event) => event.seq));
    } finally {
      restore();
    }
  }, 400_000);

  it('a worker stopped (SIGTERM) with a batch at the receiver finishes it; after the restart the stream resumes with no gap and no duplicate seq', async () => {
    const { path, created, seqs, restore } = await streamHeldAt('Restart test', 50, 2);
    try {
      // The shutdown starts while the receiver still holds the batch; it answers a moment later.
      const stopped = worker.stop();
      setTimeout(() => receiver.release(200), 300);
      await stopped;
      const held = JSON.parse(receiver.on(path)[1].body) as Batch;
      expect((await getStream(created.id)).health.lastSeq).toBe(held.lastSeq);

      worker.start();
      await waitForWorker();
      const done = await waitDelivered(created.id, seqs[seqs.length - 1], 120_000);
      const batches = jsonBatches(receiver.on(path));
      expectContinuous(batches, created.id, created.health.lastHash);
      const raw = batches.flatMap((batch) => batch.events.map((event) => event.seq));
      expect(raw).toEqual(
        seqRange(BigInt(created.health.lastSeq) + 1n, BigInt(done.health.lastSeq)),
      );
      expect(raw).toEqual(expect.arrayContaining(seqs));
    } finally {
      restore();
    }
  }, 400_000);

  describe('access and input', () => {
    const fileBody = (): CreateAuditStream => ({
      name: 'x',
      kind: 'file',
      format: 'jsonl',
      fileName: `e2e-${randomUUID()}.jsonl`,
    });

    it('refuses everyone but auditors: admins, employees, API tokens get 403', async () => {
      const admin = await createUser(app, { roles: ['admin'] });
      const employee = await createUser(app);
      const token = await createApiToken(app, auditor, ['audit:read', 'audit:export']);
      for (const token2 of [admin.accessToken, employee.accessToken, token.token]) {
        const client = app.client(token2);
        const create = await client.POST('/api/v1/audit/streams', { body: fileBody() });
        expect(create.response.status).toBe(403);
        expect(create.response.headers.get('content-type')).toContain('application/problem+json');
        expect((await client.GET('/api/v1/audit/streams')).response.status).toBe(403);
      }
      const both = await createUser(app, { roles: ['admin', 'auditor'] });
      expect(
        (await both.client.POST('/api/v1/audit/streams', { body: fileBody() })).response.status,
      ).toBe(201);
      const list = await auditor.client.GET('/api/v1/audit/streams');
      expect(list.response.status).toBe(200);
      expect(list.data?.items.length).toBeGreaterThan(0);
    });

    it.each([
      ['a file stream without fileName', { name: 'x', kind: 'file', format: 'jsonl' }, 'fileName'],
      [
        'a path in fileName',
        { name: 'x', kind: 'file', format: 'jsonl', fileName: '../x.jsonl' },
        'fileName',
      ],
      [
        'a url on a file stream',
        {
          ...{ name: 'x', kind: 'file', format: 'jsonl', fileName: 'a.jsonl' },
          url: 'https://example.com',
        },
        'url',
      ],
      [
        'splunk-hec without its token',
        {
          name: 'x',
          kind: 'splunk-hec',
          format: 'ocsf',
          url: 'https://example.com/services/collector/event',
        },
        'secret',
      ],
      [
        'the cloud metadata address',
        { name: 'x', kind: 'http-json', format: 'jsonl', url: 'http://169.254.169.254/latest' },
        'url',
      ],
      [
        'a non-http scheme',
        { name: 'x', kind: 'http-json', format: 'jsonl', url: 'file:///etc/passwd' },
        'url',
      ],
      ['an unknown kind', { name: 'x', kind: 's3', format: 'jsonl' }, 'kind'],
      [
        'a batch too large',
        { ...{ name: 'x', kind: 'file', format: 'jsonl', fileName: 'b.jsonl' }, batchSize: 100000 },
        'batchSize',
      ],
    ])('answers 400 problem+json for %s', async (_name, body, field) => {
      const answer = await fetch(`${app.baseUrl}/api/v1/audit/streams`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${auditor.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await answer.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((error) => error.path)).toContain(field);
    });

    it('answers 404 problem+json for a stream that does not exist, 400 for a malformed id', async () => {
      const missing = await auditor.client.POST('/api/v1/audit/streams/{id}/pause', {
        params: { path: { id: randomUUID() } },
      });
      expect(missing.response.status).toBe(404);
      const malformed = await auditor.client.GET('/api/v1/audit/streams/{id}', {
        params: { path: { id: 'nope' } },
      });
      expect(malformed.response.status).toBe(400);
    });
  });
});
