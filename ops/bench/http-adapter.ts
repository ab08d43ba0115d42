import { BENCHMARKS_DOC } from './shared/benchmarks-doc';
import { envInt, LOOPBACK_HOSTS } from './shared/bench-env';
/**
 * `npm run bench:http-adapter`: Nest 11 on Express vs Nest 11 on Fastify vs raw node:http, each
 * with a trivial JSON route and a one-query Postgres route, measured side by side on loopback.
 *
 * Prints a markdown report and writes it into docs/benchmarks.md (only our section).
 * Knobs (env): BENCH_DURATION_S (10), BENCH_WARMUP_S (3), BENCH_CONNECTIONS (50), BENCH_RUNS (2),
 * BENCH_WRITE_DOCS (1; 0 = stdout only), DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import {
  DB_ROWS,
  LOOPBACK,
  ROUTES,
  SERVER_KINDS,
  isChildMessage,
  type ChildMessage,
  type ParentMessage,
  type Route,
  type ServerKind,
} from './http-adapter/protocol';
import {
  formatMarkdown,
  renderSection,
  writeSection,
  type Measurement,
  type RunContext,
} from './http-adapter/report';

const ROOT = resolve(__dirname, '..', '..');
const SERVER_ENTRY = join(__dirname, 'http-adapter', 'server.ts');

const config = {
  durationS: envInt('BENCH_DURATION_S', 10, 1, 120),
  warmupS: envInt('BENCH_WARMUP_S', 3, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 50, 1, 1000),
  runs: envInt('BENCH_RUNS', 2, 1, 5),
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
};

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Child process management: every child is tracked so nothing outlives this script.

interface ServerChild {
  kind: ServerKind;
  proc: ChildProcess;
  port: number;
}

const children = new Set<ChildProcess>();

function isAlive(proc: ChildProcess): boolean {
  return proc.exitCode === null && proc.signalCode === null;
}

function killAllNow(): void {
  for (const proc of children) if (isAlive(proc)) proc.kill('SIGKILL');
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping servers`);
    killAllNow();
    process.exit(130);
  });
}

function startServer(kind: ServerKind): Promise<ServerChild> {
  const proc = fork(SERVER_ENTRY, [kind], {
    cwd: ROOT,
    // transpile-only: type checking belongs to `npm run typecheck`, not to server start-up time.
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      BENCH_DATABASE_URL: config.databaseUrl,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));

  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => fail(new Error(`${kind} server not ready within 60 s`)), 60_000);
    function fail(error: Error) {
      clearTimeout(timer);
      if (isAlive(proc)) proc.kill('SIGKILL');
      reject(error);
    }
    proc.on('message', (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolvePromise({ kind, proc, port: message.port });
      } else if (message.type === 'fatal') {
        fail(new Error(`${kind} server failed: ${message.message}`));
      }
    });
    proc.once('exit', (code, signal) =>
      fail(new Error(`${kind} server exited early (code ${code}, signal ${signal})`)),
    );
  });
}

async function stopServer(server: ServerChild): Promise<void> {
  const { proc } = server;
  if (!isAlive(proc)) return;
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Cumulative CPU time (µs) of the server process, asked over IPC. */
function serverCpuUs(server: ServerChild): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${server.kind}: no CPU reply`)), 10_000);
    const onMessage = (message: unknown) => {
      if (!isChildMessage(message) || message.type !== 'cpu') return;
      const reply: Extract<ChildMessage, { type: 'cpu' }> = message;
      clearTimeout(timer);
      server.proc.off('message', onMessage);
      resolvePromise(reply.user + reply.system);
    };
    server.proc.on('message', onMessage);
    const request: ParentMessage = { type: 'cpu' };
    server.proc.send(request);
  });
}

// ---------------------------------------------------------------------------------------------
// Measurement

/** One plain request (no keep-alive agent) to check that each server answers the same thing. */
function getJson(port: number, path: string): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const req = get({ host: LOOPBACK, port, path, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET ${path} -> ${res.statusCode}`));
          return;
        }
        try {
          resolvePromise(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
  });
}

async function verify(server: ServerChild): Promise<void> {
  const json = await getJson(server.port, '/json');
  if (typeof json !== 'object' || json === null || !('status' in json)) {
    throw new Error(`${server.kind}: unexpected /json body ${JSON.stringify(json)}`);
  }
  const rows = await getJson(server.port, '/db');
  if (!Array.isArray(rows) || rows.length !== DB_ROWS) {
    throw new Error(`${server.kind}: /db did not return ${DB_ROWS} rows`);
  }
}

async function load(port: number, route: Route, durationS: number) {
  return autocannon({
    url: `http://${LOOPBACK}:${port}${route}`,
    connections: config.connections,
    duration: durationS,
    pipelining: 1,
    timeout: 10,
  });
}

async function measure(server: ServerChild, route: Route, run: number): Promise<Measurement> {
  if (config.warmupS > 0) await load(server.port, route, config.warmupS);
  const cpuBefore = await serverCpuUs(server);
  const result = await load(server.port, route, config.durationS);
  const cpuAfter = await serverCpuUs(server);
  if (!isAlive(server.proc)) throw new Error(`${server.kind} server died during ${route}`);

  const requests = result.requests.total ?? 0;
  const m: Measurement = {
    run,
    kind: server.kind,
    route,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuUsPerReq: requests > 0 ? (cpuAfter - cpuBefore) / requests : 0,
  };
  log(
    `run ${run} ${server.kind.padEnd(7)} ${route.padEnd(5)} ${Math.round(m.reqPerSec)} req/s ` +
      `p50 ${m.p50Ms} ms p99 ${m.p99Ms} ms, ${Math.round(m.cpuUsPerReq)} µs CPU/req` +
      (m.errors || m.non2xx ? `, ${m.errors} errors, ${m.non2xx} non-2xx` : ''),
  );
  return m;
}

// ---------------------------------------------------------------------------------------------
// Context for the report

function version(pkg: string, from = ROOT): string {
  try {
    const file = require.resolve(`${pkg}/package.json`, { paths: [from] });
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function versions(): string {
  const expressFrom = join(ROOT, 'node_modules', '@nestjs', 'platform-express');
  const fastifyFrom = join(ROOT, 'node_modules', '@nestjs', 'platform-fastify');
  return [
    `@nestjs/core ${version('@nestjs/core')}`,
    `@nestjs/platform-express ${version('@nestjs/platform-express')} (express ${version('express', expressFrom)})`,
    `@nestjs/platform-fastify ${version('@nestjs/platform-fastify')} (fastify ${version('fastify', fastifyFrom)})`,
    `pg ${version('pg')}`,
    `autocannon ${version('autocannon')}`,
  ].join(', ');
}

function checkLoopbackDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK_HOSTS.has(host)) {
    // A remote database would measure the network, and we do not load other people's servers.
    throw new Error(`DATABASE_URL must point at loopback for this benchmark (got host "${host}")`);
  }
}

async function postgresVersion(): Promise<string> {
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(
      "SELECT current_setting('server_version') v",
    );
    return `PostgreSQL ${rows[0]?.v ?? '?'}`;
  } finally {
    await client.end();
  }
}

function machine(): string {
  const cores = cpus();
  const model = cores[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return `${cores.length} cores (${model}), ${gib} GiB RAM, ${platform()} ${release()}`;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  checkLoopbackDatabase(config.databaseUrl);
  const startedAt = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  const postgres = await postgresVersion();

  // Upper bound on the whole run, so a hung server or client can never keep us alive.
  const perCaseS = config.warmupS + config.durationS + 5;
  const budgetS = config.runs * SERVER_KINDS.length * ROUTES.length * perCaseS + 240;
  setTimeout(() => {
    log(`timed out after ${budgetS} s; stopping servers`);
    killAllNow();
    process.exit(3);
  }, budgetS * 1_000).unref();

  log(
    `${config.runs} run(s) x ${SERVER_KINDS.length} servers x ${ROUTES.length} routes, ` +
      `${config.warmupS}+${config.durationS} s each, ${config.connections} connections ` +
      `(at most ~${Math.ceil(budgetS / 60)} min)`,
  );

  // All three servers stay up (idle ones cost nothing) so that the cases for one route run
  // back to back: on a noisy shared machine, neighbours in time see similar background load.
  const servers = new Map<ServerKind, ServerChild>();
  const results: Measurement[] = [];
  try {
    for (const kind of SERVER_KINDS) {
      const server = await startServer(kind);
      servers.set(kind, server);
      await verify(server);
    }
    for (let run = 1; run <= config.runs; run++) {
      // Alternate the order so drift does not systematically favour whoever goes first.
      const order = run % 2 === 1 ? [...SERVER_KINDS] : [...SERVER_KINDS].reverse();
      for (const route of ROUTES) {
        for (const kind of order) {
          const server = servers.get(kind);
          if (server) results.push(await measure(server, route, run));
        }
      }
    }
  } finally {
    await Promise.all([...servers.values()].map(stopServer));
  }

  const ordered = [...results].sort(
    (a, b) =>
      a.run - b.run ||
      ROUTES.indexOf(a.route) - ROUTES.indexOf(b.route) ||
      SERVER_KINDS.indexOf(a.kind) - SERVER_KINDS.indexOf(b.kind),
  );
  const defaults =
    config.durationS === 10 &&
    config.warmupS === 3 &&
    config.connections === 50 &&
    config.runs === 2;
  const ctx: RunContext = {
    command: defaults
      ? 'npm run bench:http-adapter'
      : `BENCH_DURATION_S=${config.durationS} BENCH_WARMUP_S=${config.warmupS} ` +
        `BENCH_CONNECTIONS=${config.connections} BENCH_RUNS=${config.runs} npm run bench:http-adapter`,
    startedAt,
    machine: machine(),
    load: [loadAtStart, loadavg()[0] ?? 0],
    node: `Node ${process.version}`,
    postgres,
    versions: versions(),
    connections: config.connections,
    durationS: config.durationS,
    warmupS: config.warmupS,
    runs: config.runs,
  };

  const section = await formatMarkdown(renderSection(ctx, ordered), BENCHMARKS_DOC);
  process.stdout.write(`${section}\n`);
  if (config.writeDocs) {
    writeSection(BENCHMARKS_DOC, section);
    log(`wrote ${relative(process.cwd(), BENCHMARKS_DOC)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAllNow();
    process.exit(1);
  },
);
