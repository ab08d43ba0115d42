/**
 * Proof latency through the real routes (GET /api/v1/audit/events/{id}/proof and
 * /api/v1/audit/consistency) over loopback: the API (role `api`, every guard and interceptor)
 * in a child process on the bench database, one auditor signed in, one keep-alive connection.
 * Used by tree-bench.ts on its synthetic 1M-leaf tree.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { DataSource } from 'typeorm';

const ROOT = resolve(__dirname, '..', '..', '..');

export interface Latencies {
  p50: number;
  p99: number;
  max: number;
}

export function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p99: at(99), max: sorted[sorted.length - 1] };
}

/** Milliseconds of this process's garbage collection while `work` runs. */
export async function withGcTime<T>(work: () => Promise<T>): Promise<{ result: T; gcMs: number }> {
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    return { result: await work(), gcMs };
  } finally {
    observer.disconnect();
  }
}

function getJson(agent: Agent, port: number, path: string, token: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    get(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolveStatus(res.statusCode ?? 0));
      },
    ).on('error', reject);
  });
}

/**
 * Inserts `samples` events at random seqs of the synthetic tree (the inclusion route looks the
 * event up by id), starts the API and times `count` inclusion and `count` consistency proofs.
 */
export async function measureHttpProofs(options: {
  dataSource: DataSource;
  databaseUrl: string;
  redisUrl: string;
  database: string;
  treeSize: number;
  count: number;
}): Promise<{ inclusion: Latencies; consistency: Latencies }> {
  const { dataSource, treeSize, count } = options;
  const seqs = [
    ...new Set(Array.from({ length: count }, () => 1 + Math.floor(Math.random() * treeSize))),
  ];
  const events: { id: string }[] = await dataSource.query(
    `INSERT INTO audit_events (seq, id, occurred_at, action, actor_type, actor_display, target_type,
       outcome, prev_hash, hash)
     SELECT s, gen_random_uuid(), now(), 'bench.proof', 'system', 'bench', 'task', 'success', '', ''
       FROM unnest($1::bigint[]) AS s RETURNING id`,
    [seqs],
  );
  await dataSource.query('ANALYZE audit_events');
  const keyDir = mkdtempSync(join(tmpdir(), 'bench-proof-http-'));
  const keyFile = join(keyDir, 'signing-key.pem');
  writeFileSync(
    keyFile,
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  const server = fork(join(__dirname, 'export-server.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      NODE_ENV: 'development',
      JWT_KEY_DIR: join(keyDir, 'jwt'),
      APP_ROLE: 'api',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: options.database,
      LOG_LEVEL: 'warn',
      AUDIT_SIGNING_KEY_FILE: keyFile,
      AUDIT_CHECKPOINT_DIR: join(keyDir, 'checkpoints'),
      THROTTLE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { port, token } = await new Promise<{ port: number; token: string }>((ok, fail) => {
      server.once('message', (message) => ok(message as { port: number; token: string }));
      server.once('exit', (code) => fail(new Error(`API exited with ${code}`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const timed = async (path: string) => {
      const t0 = process.hrtime.bigint();
      const status = await getJson(agent, port, path, token);
      if (status !== 200) throw new Error(`GET ${path}: ${status}`);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const inclusionPath = (i: number) =>
      `/api/v1/audit/events/${events[i % events.length].id}/proof?treeSize=${treeSize}`;
    const consistencyPath = () =>
      `/api/v1/audit/consistency?from=${1 + Math.floor(Math.random() * (treeSize - 1))}&to=${treeSize}`;
    for (let i = 0; i < 200; i += 1) {
      await timed(inclusionPath(i));
      await timed(consistencyPath());
    }
    const inclusion: number[] = [];
    const consistency: number[] = [];
    for (let i = 0; i < count; i += 1) inclusion.push(await timed(inclusionPath(i)));
    for (let i = 0; i < count; i += 1) consistency.push(await timed(consistencyPath()));
    agent.destroy();
    return { inclusion: latencies(inclusion), consistency: latencies(consistency) };
  } finally {
    server.disconnect();
    await new Promise((done) => server.once('exit', done));
    rmSync(keyDir, { recursive: true, force: true });
  }
}
