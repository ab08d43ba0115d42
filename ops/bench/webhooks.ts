/**
 * `npm run bench:webhooks`: webhook deliveries to a local receiver. Phase 1 writes BENCH_TASKS
 * tasks at once and measures how fast one subscription drains them (deliveries/s, beside bare
 * sequential POSTs to the same receiver: the ratio is what queueing, signing and recording
 * cost). Phase 2 writes BENCH_TRICKLE tasks one transaction at a time, BENCH_TRICKLE_GAP_MS
 * apart, and measures commit → receipt latency (p50/p99; it includes sealing and the poll
 * interval). Writes the `## Webhooks` section of docs/benchmarks.md.
 *
 * Knobs (env): BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres: a fresh
 * database is created and dropped), REDIS_URL (redis://127.0.0.1:6379), BENCH_TASKS (5000),
 * BENCH_TRICKLE (200), BENCH_TRICKLE_GAP_MS (50), BENCH_POLL_MS (WEBHOOK_POLL_INTERVAL_MS, 1000),
 * BENCH_WRITE_DOCS (1).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../api/src/bootstrap/create-http-app';
import { UsersService } from '../../api/src/users';
import { newWebhookSecret } from '../../api/src/webhooks';
import { createDatabase, dropDatabase, uniqueName } from '../db/test-database';
import { deleteRedisKeys } from '../dev-services/redis-keys';
import { writeBenchmarkSection } from './shared/benchmarks-doc';
import { envInt } from './shared/bench-env';

const config = {
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  tasks: envInt('BENCH_TASKS', 5000, 100, 1_000_000),
  trickle: envInt('BENCH_TRICKLE', 200, 10, 100_000),
  trickleGapMs: envInt('BENCH_TRICKLE_GAP_MS', 50, 0, 60_000),
  pollMs: envInt('BENCH_POLL_MS', 1000, 10, 60_000),
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
};
const log = (message: string) => process.stderr.write(`[bench:webhooks] ${message}\n`);

/** Receipt time (performance.now()) of each delivered task id. */
function startReceiver(receipts: Map<string, number>): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const now = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const target = (JSON.parse(body || '{}') as { data?: { target?: { id?: string } } }).data
        ?.target?.id;
      if (target && !receipts.has(target)) receipts.set(target, now);
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Bare sequential POSTs (a new connection each, as the sender makes), per second. */
async function barePostsPerSecond(url: string, count: number): Promise<number> {
  const body = JSON.stringify({ type: 'bench', data: {} });
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    await new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume().on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  return count / ((performance.now() - started) / 1000);
}

async function waitUntil(done: () => boolean, what: string, timeoutMs = 600_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const database = uniqueName('tt_bench_webhooks');
  const queuePrefix = uniqueName('tt_bench_webhooks');
  const databaseUrl = await createDatabase(config.postgresUrl, database);
  const receipts = new Map<string, number>();
  const receiver = await startReceiver(receipts);
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const app = await createHttpApp({
    role: 'all',
    configOverrides: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: queuePrefix,
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      OUTBOUND_ALLOW_HTTP: 'true',
      WEBHOOK_POLL_INTERVAL_MS: String(config.pollMs),
      AUDIT_SWEEP_INTERVAL_MS: '300',
      AUDIT_CHECKPOINT_DIR: join(tmpdir(), `${database}-checkpoints`),
      LOG_LEVEL: 'warn',
    },
  });
  await app.init();
  const dataSource = app.get(DataSource);
  try {
    const admin = await dataSource.transaction((manager) =>
      app.get(UsersService).create(
        manager,
        {
          email: 'bench-admin@example.com',
          password: `bench-${queuePrefix}-pw`,
          displayName: 'Bench',
          roles: ['admin'],
        },
        {
          action: 'user.created',
          actor: null,
          context: { ip: null, userAgent: null, requestId: null },
        },
      ),
    );
    await dataSource.query(
      `INSERT INTO webhook_subscriptions (owner_id, url, event_types, secret, cursor_seq)
       VALUES ($1, $2, '{task.created}', $3, COALESCE((SELECT max(seq) FROM audit_events), 0))`,
      [admin.id, receiverUrl, newWebhookSecret()],
    );

    log(`baseline: ${Math.min(config.tasks, 2000)} bare sequential POSTs`);
    const bare = await barePostsPerSecond(receiverUrl, Math.min(config.tasks, 2000));

    log(`phase 1: ${config.tasks} tasks at once`);
    const written = performance.now();
    await dataSource.query(
      `WITH created AS (
         INSERT INTO tasks (title, owner_id) SELECT 'bench ' || i, $1 FROM generate_series(1, $2::int) AS i RETURNING id)
       INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type, target_id, outcome)
       SELECT 'task.created', 'user', $1, 'bench', 'task', id::text, 'success' FROM created`,
      [admin.id, config.tasks],
    );
    await waitUntil(() => receipts.size >= config.tasks, 'phase 1 deliveries');
    const times = [...receipts.values()].sort((a, b) => a - b);
    const drainPerS = (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000);
    const totalS = (times[times.length - 1] - written) / 1000;

    log(`phase 2: ${config.trickle} tasks, ${config.trickleGapMs} ms apart`);
    const committed = new Map<string, number>();
    for (let i = 0; i < config.trickle; i += 1) {
      const id = await dataSource.transaction(async (manager) => {
        const [task]: { id: string }[] = await manager.query(
          `INSERT INTO tasks (title, owner_id) VALUES ($1, $2) RETURNING id`,
          [`trickle ${i}`, admin.id],
        );
        await manager.query(
          `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type, target_id, outcome)
           VALUES ('task.created', 'user', $1, 'bench', 'task', $2, 'success')`,
          [admin.id, task.id],
        );
        return task.id;
      });
      committed.set(id, performance.now());
      await new Promise((resolve) => setTimeout(resolve, config.trickleGapMs));
    }
    await waitUntil(
      () => [...committed.keys()].every((id) => receipts.has(id)),
      'phase 2 deliveries',
    );
    const latencies = [...committed]
      .map(([id, at]) => (receipts.get(id) ?? NaN) - at)
      .sort((a, b) => a - b);

    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()[0].toFixed(2)} at the end`;
    const section = [
      '## Webhooks',
      '',
      `\`npm run bench:webhooks\` (${new Date().toISOString().slice(0, 10)}; ${machine}; shared with other work, so read ratios, not absolutes).`,
      'One subscription, a receiver on loopback answering 204; the app in one process (`APP_ROLE=all`).',
      '',
      '| Measure | Value |',
      '| --- | --- |',
      `| bare sequential POSTs to the receiver (new connection each) | ${bare.toFixed(0)}/s |`,
      `| webhook deliveries, draining ${config.tasks} queued events | ${drainPerS.toFixed(0)}/s (${((drainPerS / bare) * 100).toFixed(0)} % of bare POSTs) |`,
      `| ${config.tasks} tasks committed → all received (sealing included) | ${totalS.toFixed(1)} s |`,
      `| commit → receipt, ${config.trickle} tasks ${config.trickleGapMs} ms apart, p50 / p99 (poll ${config.pollMs} ms) | ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 99).toFixed(0)} ms |`,
      '',
      'Latency is sealing (outbox → audit log, a Bull job per commit) plus up to one poll interval',
      'plus the send; lower `WEBHOOK_POLL_INTERVAL_MS` trades idle queries for latency.',
      '',
    ].join('\n');
    process.stdout.write(`${section}\n`);
    if (config.writeDocs) writeBenchmarkSection('## Webhooks', section);
  } finally {
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
    await dropDatabase(config.postgresUrl, database).catch(() => undefined);
    await deleteRedisKeys(config.redisUrl, `${queuePrefix}*`).catch(() => 0);
  }
}

main().catch((error: unknown) => {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
