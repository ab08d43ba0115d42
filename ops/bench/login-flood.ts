/**
 * `npm run bench:login-flood` (issue #15): task reads alone, then the same reads beside a flood
 * of correct-password logins with the app's hashing bound, then beside the same flood with no
 * bound. Writes the `## Login flood` section of docs/benchmarks.md.
 *
 * Knobs (env): BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/postgres: the server; a
 * fresh database is created on it per server and dropped at the end), REDIS_URL
 * (redis://127.0.0.1:6379), BENCH_DURATION_S (10), BENCH_WARMUP_S (3), BENCH_READ_CONNECTIONS
 * (10), BENCH_LOGIN_CONNECTIONS (64), BENCH_TASKS (200), BENCH_HASH_CONCURRENCY and
 * BENCH_HASH_QUEUE_MAX (phase 2's bound: the app's defaults), BENCH_WRITE_DOCS (1),
 * BENCH_SERVER_LOG_DIR (a folder to keep the servers' logs in; unset: a temporary one, kept
 * only when a check fails).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { format, resolveConfig } from 'prettier';
import { createDatabase, dropDatabase, uniqueName } from '../db/test-database';
import { cleanUp, installSignalHandlers, onCleanup, wasInterrupted } from './login-flood/cleanup';
import { startFloodClient } from './login-flood/flood-handle';
import { serverErrorCauses } from './login-flood/log-causes';
import { machineLine, threadpoolSize } from './login-flood/machine';
import { runPhase, type PhaseResult } from './login-flood/phase';
import { LOOPBACK } from './login-flood/protocol';
import { deleteRedisKeys } from '../dev-services/redis-keys';
import {
  SECTION_HEADING,
  checksOf,
  renderSection,
  type Phases,
  type ReportContext,
} from './login-flood/report';
import {
  THROTTLE_OUT_OF_THE_WAY,
  UNBOUNDED,
  argon2Label,
  defaultArgon2,
  defaultHashing,
  type Hashing,
} from './login-flood/server-config';
import { startServer } from './login-flood/server-handle';
import { BENCHMARKS_DOC, writeBenchmarkSection } from './shared/benchmarks-doc';
import { envInt, LOOPBACK_HOSTS } from './shared/bench-env';
import type { FloodHandle } from './login-flood/flood-handle';

const KNOBS = {
  BENCH_DURATION_S: { fallback: 10, min: 1, max: 300 },
  BENCH_WARMUP_S: { fallback: 3, min: 0, max: 60 },
  BENCH_READ_CONNECTIONS: { fallback: 10, min: 1, max: 1000 },
  BENCH_LOGIN_CONNECTIONS: { fallback: 64, min: 1, max: 1000 },
  BENCH_TASKS: { fallback: 200, min: 25, max: 10_000 },
  // Phase 2's bound; the app's own defaults unless set (to try other values).
  BENCH_HASH_CONCURRENCY: { fallback: defaultHashing().concurrency, min: 1, max: 1000 },
  BENCH_HASH_QUEUE_MAX: { fallback: defaultHashing().queueMax, min: 0, max: 10_000 },
} as const;
type Knob = keyof typeof KNOBS;
const knob = (name: Knob) => envInt(name, KNOBS[name].fallback, KNOBS[name].min, KNOBS[name].max);

const config = {
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  durationS: knob('BENCH_DURATION_S'),
  warmupS: knob('BENCH_WARMUP_S'),
  readConnections: knob('BENCH_READ_CONNECTIONS'),
  loginConnections: knob('BENCH_LOGIN_CONNECTIONS'),
  tasks: knob('BENCH_TASKS'),
  bound: {
    concurrency: knob('BENCH_HASH_CONCURRENCY'),
    queueMax: knob('BENCH_HASH_QUEUE_MAX'),
  },
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
  /** Where each server's log goes (`<bounded|unbounded>.log`); unset: a temporary folder. */
  serverLogDir: process.env.BENCH_SERVER_LOG_DIR || undefined,
};

/** Set when a check fails or the run breaks: the server logs then explain what happened. */
let keepLogs = false;

const log = (message: string) => process.stderr.write(`[bench:login-flood] ${message}\n`);

/** The command that reproduces this run: the npm script, with any knob that differs. */
function command(): string {
  const changed = (Object.keys(KNOBS) as Knob[])
    .filter((name) => knob(name) !== KNOBS[name].fallback)
    .map((name) => `${name}=${knob(name)}`);
  return [...changed, 'npm run bench:login-flood'].join(' ');
}

function assertLoopback(url: string, name: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`${name} must be on loopback (got ${host})`);
}

/** A fresh database and Redis prefix (same name) for one server, dropped whatever happens. */
async function freshStore(label: string) {
  const name = uniqueName(`tt_bench_login_${label}`);
  onCleanup(`drop database ${name}`, () => dropDatabase(config.postgresUrl, name));
  onCleanup(`delete Redis keys ${name}:*`, () => deleteRedisKeys(config.redisUrl, `${name}:*`));
  const databaseUrl = await createDatabase(config.postgresUrl, name);
  log(`database ${name}`);
  return { databaseUrl, queuePrefix: name };
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(
      "SELECT current_setting('server_version') v",
    );
    return rows[0]?.v ?? '?';
  } finally {
    await client.end();
  }
}

/** The reads must answer 200 before anything is measured: a 401 flood would be meaningless. */
async function assertReadsWork(port: number, token: string): Promise<void> {
  const response = await fetch(`http://${LOOPBACK}:${port}/api/v1/tasks?limit=25`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { items?: unknown[] };
  if (response.status !== 200 || body.items?.length !== 25) {
    throw new Error(`GET /api/v1/tasks -> ${response.status}, ${body.items?.length} items`);
  }
}

/** Boots a server with `hashing`, runs `phases` on it (in order), stops it. */
async function withServer(
  logDir: string,
  label: string,
  hashing: Hashing,
  flood: FloodHandle,
  phases: Array<{ name: string; flood: boolean }>,
): Promise<PhaseResult[]> {
  const store = await freshStore(label);
  const logFile = join(logDir, `${label}.log`);
  log(
    `starting the ${label} server (concurrency ${hashing.concurrency}, queue ${hashing.queueMax}), seeding ${config.tasks} tasks`,
  );
  const server = await startServer(
    { ...store, redisUrl: config.redisUrl, hashing },
    { email: `login-flood-${label}@example.com`, tasks: config.tasks },
    logFile,
  );
  try {
    await assertReadsWork(server.ready.port, server.ready.accessToken);
    const results: PhaseResult[] = [];
    for (const phase of phases) {
      const result = await runPhase({
        name: phase.name,
        hashing,
        server,
        flood: phase.flood ? flood : undefined,
        readConnections: config.readConnections,
        loginConnections: config.loginConnections,
        warmupS: config.warmupS,
        durationS: config.durationS,
        log,
      });
      const { all } = result.reads;
      log(
        `  -> reads ${Math.round(all.perSecond)} req/s, p50 ${all.p50Ms.toFixed(1)} ms, p99 ${all.p99Ms.toFixed(1)} ms` +
          (result.logins
            ? `; logins ${Object.entries(result.logins.byStatus)
                .map(([status, stats]) => `${stats.count} × ${status}`)
                .join(', ')}`
            : ''),
      );
      results.push(result);
    }
    await server.stop();
    const serverLog = readFileSync(logFile, 'utf8');
    return results.map((result) => ({
      ...result,
      serverErrors: serverErrorCauses(serverLog, result.window.fromMs, result.window.toMs),
    }));
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  assertLoopback(config.postgresUrl, 'BENCH_POSTGRES_URL');
  assertLoopback(config.redisUrl, 'REDIS_URL');
  installSignalHandlers(log);
  // Bounds the whole run: two boots and seedings, three phases, cleanup.
  const budgetS = 600 + 3 * (config.warmupS + config.durationS + 60);
  setTimeout(() => {
    log(`timed out after ${budgetS} s`);
    keepLogs = true;
    void cleanUp(log).finally(() => process.exit(3));
  }, budgetS * 1000).unref();

  // Server logs are kept only when asked for or when a check fails (to find a 5xx's cause).
  const logDir = config.serverLogDir ?? mkdtempSync(join(tmpdir(), 'tt-bench-login-flood-'));
  mkdirSync(logDir, { recursive: true });
  if (!config.serverLogDir) {
    onCleanup('remove the temporary server logs', () => {
      if (keepLogs) log(`server logs (one JSON line per request or error): ${logDir}`);
      else rmSync(logDir, { recursive: true, force: true });
      return Promise.resolve();
    });
  }
  log(
    `server logs in ${logDir}${config.serverLogDir ? '' : ' (deleted at the end unless a check fails)'}`,
  );
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  const flood = await startFloodClient();
  const [alone, boundedPhase] = await withServer(logDir, 'bounded', config.bound, flood, [
    { name: 'reads alone', flood: false },
    { name: 'reads + login flood', flood: true },
  ]);
  const [unboundedPhase] = await withServer(logDir, 'unbounded', UNBOUNDED, flood, [
    { name: 'reads + login flood', flood: true },
  ]);
  await flood.stop();
  if (!alone || !boundedPhase || !unboundedPhase) throw new Error('a phase produced no result');
  const phases: Phases = { alone, bounded: boundedPhase, unbounded: unboundedPhase };

  const ctx: ReportContext = {
    command: command(),
    startedAt,
    machine: machineLine(),
    software: `Node ${process.version}, PostgreSQL ${await postgresVersion(config.postgresUrl)}`,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    tasks: config.tasks,
    readConnections: config.readConnections,
    loginConnections: config.loginConnections,
    warmupS: config.warmupS,
    durationS: config.durationS,
    hashParams: argon2Label(defaultArgon2()),
    hashMemoryMiB: defaultArgon2().memoryKiB / 1024,
    threadpoolSize: threadpoolSize(),
    boundIsDefault:
      config.bound.concurrency === defaultHashing().concurrency &&
      config.bound.queueMax === defaultHashing().queueMax,
    cores: cpus().length,
    throttleLimit: THROTTLE_OUT_OF_THE_WAY,
  };
  // Formatted as Prettier would, so `npm run lint` stays clean after a run.
  const section = await format(renderSection(ctx, phases), {
    ...(await resolveConfig(BENCHMARKS_DOC)),
    parser: 'markdown',
  });
  process.stdout.write(`${section}\n`);
  if (config.writeDocs) {
    writeBenchmarkSection(SECTION_HEADING, section);
    log(`wrote ${relative(process.cwd(), BENCHMARKS_DOC)}`);
  }
  const checks = checksOf(phases);
  if (!checks.ok) log(checks.line);
  keepLogs ||= !checks.ok;
  return checks.ok ? 0 : 1;
}

main().then(
  async (code) => {
    await cleanUp(log);
    process.exit(code);
  },
  async (error: unknown) => {
    // After Ctrl-C the children are killed under the phases: that is not worth a stack.
    if (!wasInterrupted()) {
      keepLogs = true;
      log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    await cleanUp(log);
    process.exit(1);
  },
);
