import { BENCHMARKS_DOC } from './shared/benchmarks-doc';
import { envInt, LOOPBACK_HOSTS } from './shared/bench-env';
/**
 * `npm run bench:tasks`: seeds 1,000 users and 1,000,000 tasks into a dedicated database
 * (never the dev or test one), then measures the real API beside a minimal node:http + pg
 * baseline running the same SQL on the same data, and writes the `## Tasks` section of
 * docs/benchmarks.md.
 *
 * Knobs (env): BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/tasktrackr_bench_tasks),
 * REDIS_URL (redis://127.0.0.1:6379), BENCH_TASKS (1000000), BENCH_RESEED (0),
 * BENCH_DURATION_S (10), BENCH_WARMUP_S (3), BENCH_CONNECTIONS (50), BENCH_WRITE_DOCS (1).
 *
 * For performance work (the docs section is then left alone):
 * - BENCH_API_DIST: a `nest build` output directory to run instead of the sources under ts-node;
 * - BENCH_COMPARE_DIST: a second build, measured as `reference` beside the API and the baseline
 *   in the same rounds, so a change is judged against its parent on the same machine state;
 * - BENCH_ROUNDS (1): repeat every scenario; the comparison reports the median ratio;
 * - BENCH_SCENARIOS: comma-separated names to run (`liveness,employee list`), by substring;
 * - BENCH_CPU_PROF_DIR: a CPU profile of the API per scenario, covering only its measured
 *   window (`ops/bench/profile/top-frames.ts` summarises one);
 * - BENCH_TRACING: `on` (the OpenTelemetry SDK without exporter) or `record` (spans recorded,
 *   then dropped), see tasks/api-server.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { format, resolveConfig } from 'prettier';
import { encodeCursor, queryFingerprint } from '../../api/src/common/pagination/cursor';
import { TasksRepository, type TaskListSpec } from '../../api/src/tasks';
import { renderComparison } from './tasks/compare';
import { CREATE_BODY, LOOPBACK, isChildMessage, type ProfileCommand } from './tasks/protocol';
import { renderSection, writeSection, type Measurement, type Scenario } from './tasks/report';
import { ADMIN_EMAIL, BENCH_PASSWORD, EMPLOYEE_EMAIL, seed } from './tasks/seed';

const ROOT = resolve(__dirname, '..', '..');

const config = {
  databaseUrl:
    process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/tasktrackr_bench_tasks',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  tasks: envInt('BENCH_TASKS', 1_000_000, 1_000, 10_000_000),
  reseed: process.env.BENCH_RESEED === '1',
  durationS: envInt('BENCH_DURATION_S', 10, 1, 120),
  warmupS: envInt('BENCH_WARMUP_S', 3, 0, 60),
  connections: envInt('BENCH_CONNECTIONS', 50, 1, 1000),
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
  apiDist: optionalDir('BENCH_API_DIST'),
  compareDist: optionalDir('BENCH_COMPARE_DIST'),
  rounds: envInt('BENCH_ROUNDS', 1, 1, 20),
  only: (process.env.BENCH_SCENARIOS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
  cpuProfDir: optionalDir('BENCH_CPU_PROF_DIR'),
};

function optionalDir(name: string): string | undefined {
  const value = process.env[name];
  return value ? resolve(value) : undefined;
}

const DEEP_PAGE = 4_000;
const PAGE_SIZE = 25;
const SEARCH = 'status=todo&status=in_progress&q=budget&limit=25';

const log = (message: string) => process.stderr.write(`[bench:tasks] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Children: tracked so that nothing outlives this script.

const children = new Set<ChildProcess>();
const alive = (proc: ChildProcess) => proc.exitCode === null && proc.signalCode === null;
function killAllNow(): void {
  for (const proc of children) if (alive(proc)) proc.kill('SIGKILL');
}
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAllNow();
    process.exit(130);
  });
}

interface Server {
  kind: Measurement['server'];
  proc: ChildProcess;
  port: number;
}

function startServer(kind: Server['kind'], env: Record<string, string>): Promise<Server> {
  const entry = join(
    __dirname,
    'tasks',
    kind === 'baseline' ? 'baseline-server.ts' : 'api-server.ts',
  );
  const proc = fork(entry, [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => fail(new Error(`${kind} not ready within 90 s`)), 90_000);
    function fail(error: Error) {
      clearTimeout(timer);
      if (alive(proc)) proc.kill('SIGKILL');
      reject(error);
    }
    proc.on('message', (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolvePromise({ kind, proc, port: message.port });
      } else if (message.type === 'fatal') fail(new Error(`${kind} failed: ${message.message}`));
    });
    proc.once('exit', (code) => fail(new Error(`${kind} exited early (code ${code})`)));
  });
}

async function stopServer(server: Server): Promise<void> {
  if (!alive(server.proc)) return;
  const exited = new Promise<void>((done) => server.proc.once('exit', () => done()));
  server.proc.kill('SIGTERM');
  const timer = setTimeout(() => server.proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------

interface Target {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

async function check(port: number, target: Target, expected: number): Promise<void> {
  const response = await fetch(`http://${LOOPBACK}:${port}${target.path}`, {
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(
      `${target.method ?? 'GET'} ${target.path} -> ${response.status}: ${text.slice(0, 300)}`,
    );
  }
}

function load(port: number, target: Target, durationS: number) {
  // Not an inline literal: the shared autocannon.d.ts (http-adapter) declares only the GET
  // options; autocannon itself takes method, headers and body too.
  const options = {
    url: `http://${LOOPBACK}:${port}${target.path}`,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    connections: config.connections,
    duration: durationS,
    pipelining: 1,
    timeout: 10,
  };
  return autocannon(options);
}

/** Profiles `server` while `work` runs, when BENCH_CPU_PROF_DIR asks for it. */
async function profiled<T>(server: Server, name: string, work: () => PromiseLike<T>): Promise<T> {
  if (!config.cpuProfDir || server.kind === 'baseline') return work();
  const send = (command: ProfileCommand) => server.proc.send(command);
  send({ type: 'profile-start' });
  const result = await work();
  const written = new Promise<string>((done) => {
    const onMessage = (message: unknown) => {
      if (!isChildMessage(message) || message.type !== 'profile-written') return;
      server.proc.off('message', onMessage);
      done(message.path);
    };
    server.proc.on('message', onMessage);
  });
  send({ type: 'profile-stop', name: `${server.kind}-${name.replace(/[^a-z0-9]+/gi, '-')}` });
  log(`profile: ${relative(process.cwd(), await written)}`);
  return result;
}

/**
 * CPU time (user + system) a process has used, in µs, from /proc (Linux only; undefined
 * elsewhere). Fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ 100).
 */
function cpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

async function measure(scenario: string, server: Server, target: Target): Promise<Measurement> {
  if (config.warmupS > 0) await load(server.port, target, config.warmupS);
  const cpuBefore = cpuMicros(server.proc.pid);
  const result = await profiled(server, scenario, () =>
    load(server.port, target, config.durationS),
  );
  const cpuAfter = cpuMicros(server.proc.pid);
  const m: Measurement = {
    scenario,
    server: server.kind,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total ?? 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  log(
    `${scenario.padEnd(18)} ${server.kind.padEnd(8)} ${Math.round(m.reqPerSec)} req/s p50 ${m.p50Ms} ms p99 ${m.p99Ms} ms` +
      (cpuBefore !== undefined && cpuAfter !== undefined && m.requests > 0
        ? ` cpu ${Math.round((cpuAfter - cpuBefore) / m.requests)} µs/req`
        : '') +
      (m.errors || m.non2xx ? ` (${m.errors} errors, ${m.non2xx} non-2xx)` : ''),
  );
  return m;
}

async function login(port: number, email: string): Promise<string> {
  const response = await fetch(`http://${LOOPBACK}:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (!response.ok || !body.accessToken) throw new Error(`login as ${email} -> ${response.status}`);
  return body.accessToken;
}

/** The cursor the API would hand out after page `page - 1` (computed, not walked). */
async function deepCursor(client: Client): Promise<string> {
  const { rows } = await client.query<{ k: string; id: string }>(
    `SELECT created_at::text AS k, id FROM tasks WHERE deleted_at IS NULL
     ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1`,
    [(DEEP_PAGE - 1) * PAGE_SIZE - 1],
  );
  const row = rows[0];
  if (!row) throw new Error('not enough tasks for the deep page');
  return encodeCursor(queryFingerprint({ sort: '-createdAt' }), [row.k, row.id]);
}

async function plans(client: Client, ids: { employee: string; admin: string }, cursor: string) {
  const after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k: string[] };
  const cases = [
    ['employee list', { viewer: { userId: ids.employee, seesAll: false }, filters: {} }],
    [
      'admin search',
      {
        viewer: { userId: ids.admin, seesAll: true },
        filters: { status: ['todo', 'in_progress'], q: 'budget' },
      },
    ],
    ['admin page 1', { viewer: { userId: ids.admin, seesAll: true }, filters: {} }],
    [
      'admin page 4,000',
      { viewer: { userId: ids.admin, seesAll: true }, filters: {}, after: after.k },
    ],
  ] as const;
  const lines: string[] = [];
  for (const [name, spec] of cases) {
    // Each statement the list runs (task-list-plan.ts: one to three), explained, then run.
    const steps: string[] = [];
    await TasksRepository.listPage(
      async <Row>({ text, values }: { text: string; values: unknown[] }) => {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
          values,
        );
        steps.push(describePlan(rows.map((row) => row['QUERY PLAN'])));
        return (await client.query({ text, values })).rows as Row[];
      },
      { ...spec, sort: '-createdAt', fetch: PAGE_SIZE + 1 } as TaskListSpec,
    );
    lines.push(`${name}: ${steps.join('; then ')}`);
  }
  return lines;
}

/** One statement's plan in a line: its time, the indexes it used, whether it scanned the table. */
function describePlan(plan: string[]): string {
  const indexes = [
    ...new Set(
      plan.flatMap((line) => /using (\w+)|on (\w+_idx)/.exec(line)?.slice(1).filter(Boolean) ?? []),
    ),
  ];
  const time = plan
    .find((line) => line.startsWith('Execution Time'))
    ?.replace('Execution Time: ', '');
  const scans = plan.some((line) => line.includes('Seq Scan'))
    ? ', has a Seq Scan'
    : ', no Seq Scan';
  return `${time}, indexes ${indexes.map((index) => `\`${index}\``).join(', ')}${scans}`;
}

function machine(): string {
  const cores = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');
  return `${cores.length} cores (${cores[0]?.model.replace(/\s+/g, ' ').trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}; load average at the end ${load} (1/5/15 min: anything near or above the core count means other work shared the CPUs with this run)`;
}

async function main(): Promise<void> {
  const host = new URL(config.databaseUrl).hostname;
  if (!LOOPBACK_HOSTS.has(host))
    throw new Error(`BENCH_DATABASE_URL must be on loopback (got ${host})`);
  if (
    /\/(tasktrackr|postgres)$/.test(config.databaseUrl) ||
    config.databaseUrl.includes('tt_test')
  ) {
    throw new Error('BENCH_DATABASE_URL must name a database of its own, not the dev or test one');
  }
  const startedAt = new Date();
  // Bounds the whole run: seeding (~4 min for 1M) plus 12 measured cases.
  const budgetS = 900 + 12 * (config.warmupS + config.durationS + 30);
  setTimeout(() => {
    log(`timed out after ${budgetS} s`);
    killAllNow();
    process.exit(3);
  }, budgetS * 1000).unref();

  await seed({
    databaseUrl: config.databaseUrl,
    users: 1000,
    tasks: config.tasks,
    reseed: config.reseed,
  });

  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  const ids = Object.fromEntries(
    (
      await client.query<{ email: string; id: string }>(
        'SELECT email, id FROM users WHERE email = ANY($1)',
        [[ADMIN_EMAIL, EMPLOYEE_EMAIL]],
      )
    ).rows.map((row) => [row.email === ADMIN_EMAIL ? 'admin' : 'employee', row.id]),
  ) as { employee: string; admin: string };
  const cursor = await deepCursor(client);
  const { rows: version } = await client.query<{ v: string }>(
    "SELECT current_setting('server_version') v",
  );

  const allScenarios: Array<
    Scenario & { api: (t: Tokens) => Target; baseline: Target; status: number }
  > = [
    {
      name: 'employee list',
      description: '`GET /api/v1/tasks?limit=25` (own + assigned, newest first)',
      api: (t) => ({
        path: '/api/v1/tasks?limit=25',
        headers: { authorization: `Bearer ${t.employee}` },
      }),
      baseline: { path: '/employee/tasks?limit=25' },
      status: 200,
    },
    {
      name: 'admin search',
      description: `\`GET /api/v1/tasks?${SEARCH}\` over all 1M tasks`,
      api: (t) => ({
        path: `/api/v1/tasks?${SEARCH}`,
        headers: { authorization: `Bearer ${t.admin}` },
      }),
      baseline: { path: `/admin/tasks?${SEARCH}` },
      status: 200,
    },
    {
      name: 'admin page 1',
      description: '`GET /api/v1/tasks?limit=25` over all 1M tasks',
      api: (t) => ({
        path: '/api/v1/tasks?limit=25',
        headers: { authorization: `Bearer ${t.admin}` },
      }),
      baseline: { path: '/admin/tasks?limit=25' },
      status: 200,
    },
    {
      name: 'admin page 4,000',
      description: 'the same, with the cursor of page 4,000 (rows 99,976–100,000)',
      api: (t) => ({
        path: `/api/v1/tasks?limit=25&cursor=${cursor}`,
        headers: { authorization: `Bearer ${t.admin}` },
      }),
      baseline: { path: `/admin/tasks?limit=25&cursor=${cursor}` },
      status: 200,
    },
    {
      name: 'floor: liveness',
      description:
        '`GET /api/v1/health/live` (public, no database): what the HTTP stack alone costs; baseline answers a constant',
      api: () => ({ path: '/api/v1/health/live' }),
      baseline: { path: '/live' },
      status: 200,
    },
    {
      name: 'create',
      description: '`POST /api/v1/tasks` (task + audit outbox row, one transaction)',
      api: (t) => ({
        path: '/api/v1/tasks',
        method: 'POST',
        headers: { authorization: `Bearer ${t.employee}`, 'content-type': 'application/json' },
        body: JSON.stringify(CREATE_BODY),
      }),
      baseline: {
        path: '/employee/tasks',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CREATE_BODY),
      },
      status: 201,
    },
  ];

  const scenarios =
    config.only.length === 0
      ? allScenarios
      : allScenarios.filter((s) => config.only.some((name) => s.name.includes(name)));
  if (scenarios.length === 0)
    throw new Error(`BENCH_SCENARIOS matched none: ${config.only.join(', ')}`);

  const results: Measurement[] = [];
  const baseline = await startServer('baseline', {
    BENCH_DATABASE_URL: config.databaseUrl,
    BENCH_EMPLOYEE_ID: ids.employee,
    BENCH_ADMIN_ID: ids.admin,
  });
  const apiEnv = {
    NODE_ENV: 'production',
    APP_ROLE: 'api',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: 'bench_tasks',
    LOG_LEVEL: 'warn',
    // A throwaway signing key: production mode refuses to generate one.
    JWT_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    // The limiter still runs (a Redis round trip per request), it just never refuses.
    THROTTLE_LIMIT: '1000000000',
  };
  const api = await startServer('api', {
    ...apiEnv,
    ...(config.apiDist ? { BENCH_API_DIST: config.apiDist } : {}),
    ...(config.cpuProfDir ? { BENCH_CPU_PROF_DIR: config.cpuProfDir } : {}),
  });
  const reference = config.compareDist
    ? await startServer('reference', { ...apiEnv, BENCH_API_DIST: config.compareDist })
    : undefined;
  const apis = reference ? [api, reference] : [api];
  try {
    // Tokens live 15 minutes, longer than the measurements take. Each API child signs with
    // its own key, so each gets its own logins.
    const tokensOf = new Map<Server, Tokens>();
    for (const server of apis) {
      tokensOf.set(server, {
        employee: await login(server.port, EMPLOYEE_EMAIL),
        admin: await login(server.port, ADMIN_EMAIL),
      });
    }
    const targetOf = (server: Server, scenario: (typeof scenarios)[number]): Target => {
      const tokens = tokensOf.get(server);
      return tokens ? scenario.api(tokens) : scenario.baseline;
    };
    for (const scenario of scenarios) {
      for (const server of [baseline, ...apis]) {
        await check(server.port, targetOf(server, scenario), scenario.status);
      }
    }
    // Every server stays up (idle when not measured); each scenario runs them back to back,
    // rotating which goes first, so drift on a shared machine does not favour one.
    // The rotation is per scenario and round (scenario index + round), so a scenario gets a
    // different first server every round even when the scenario count is a multiple of the
    // server count (a running counter gave such a scenario the same order in every round).
    const servers = [baseline, ...apis];
    for (let round = 0; round < config.rounds; round += 1) {
      for (const [index, scenario] of scenarios.entries()) {
        const turn = index + round;
        const order = servers.map((_, i) => servers[(i + turn) % servers.length]);
        for (const server of order) {
          results.push(await measure(scenario.name, server, targetOf(server, scenario)));
        }
      }
    }
  } finally {
    // Let requests autocannon abandoned at the end of the last case finish first.
    await new Promise((done) => setTimeout(done, 1_000));
    for (const server of apis) await stopServer(server);
    await stopServer(baseline);
  }

  if (reference || config.rounds > 1 || config.only.length > 0 || config.cpuProfDir) {
    // An experiment, not the documented run: print it, leave docs/benchmarks.md alone.
    await client.end();
    process.stdout.write(
      `${renderComparison(scenarios, results, {
        api: config.apiDist ? relative(ROOT, config.apiDist) : 'sources (ts-node)',
        reference: config.compareDist ? relative(ROOT, config.compareDist) : undefined,
      })}\n`,
    );
    return;
  }
  const planLines = await plans(client, ids, cursor);
  await client.end();
  const defaults =
    config.durationS === 10 &&
    config.warmupS === 3 &&
    config.connections === 50 &&
    config.tasks === 1_000_000;
  const raw = renderSection(
    {
      command: defaults
        ? 'npm run bench:tasks'
        : `BENCH_TASKS=${config.tasks} BENCH_DURATION_S=${config.durationS} BENCH_WARMUP_S=${config.warmupS} BENCH_CONNECTIONS=${config.connections} npm run bench:tasks`,
      startedAt,
      machine: machine(),
      software: `Node ${process.version}, PostgreSQL ${version[0]?.v ?? '?'}`,
      connections: config.connections,
      durationS: config.durationS,
      warmupS: config.warmupS,
      data: `Data: 1,000 users (1 admin), ${config.tasks.toLocaleString('en-US')} tasks; the employee sees ~${Math.round((config.tasks / 1000) * 1.67)} of them (owned + assigned).`,
      plans: planLines,
    },
    scenarios,
    results,
  );
  // Formatted as Prettier would, so `npm run lint` stays clean after a run.
  const section = await format(raw, {
    ...(await resolveConfig(BENCHMARKS_DOC)),
    parser: 'markdown',
  });
  process.stdout.write(`${section}\n`);
  if (config.writeDocs) {
    writeSection(BENCHMARKS_DOC, section);
    log(`wrote ${relative(process.cwd(), BENCHMARKS_DOC)}`);
  }
}

interface Tokens {
  employee: string;
  admin: string;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAllNow();
    process.exit(1);
  },
);
