import { writeBenchmarkSection } from '../shared/benchmarks-doc';
/**
 * `npm run bench:audit`: seeds a valid sealed chain of BENCH_AUDIT_EVENTS (1,000,000) events in
 * a fresh database, then measures, in the same run:
 *   - the streamed export (GET /api/v1/audit/events/export, the real API in a child process):
 *     rows/s and the server's peak RSS, for JSON Lines and CSV;
 *   - `psql \copy` of the same rows and columns to /dev/null: rows/s and peak RSS (baseline);
 *   - chain verification (`verifyChain`, what `npm run audit:verify` runs): events/s.
 * The API runs from built JavaScript (`built-api.ts`: BENCH_API_DIST, or a fresh build).
 * BENCH_CPU_PROF_DIR: the API runs with `--cpu-prof` and writes its profile there on exit
 * (`npm run bench:profile -- <file>` sums self time).
 * Writes the `## Audit log` section of docs/benchmarks.md (BENCH_WRITE_DOCS=0: stdout only).
 *
 * BENCH_AUDIT_EXPORT_ONLY=1: only the exports against `\copy`, BENCH_ROUNDS (3) rounds, with
 * the API's CPU per row (/proc); BENCH_BASE_API_DIST names a second built API (e.g. the parent
 * commit's) measured in the same rounds. Prints a table; writes no docs.
 */
import 'reflect-metadata';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  verifyChain,
  checkpointPayload,
  keyIdOf,
  eventHash,
  GENESIS_HASH,
} from '../../../api/src/audit-log';
import { typeormOptions } from '../../../api/src/database/typeorm-options';
import { resolveServices } from '../../dev-services/resolve-services';
import { buildExportServer } from './built-api';
import { measureTree } from './tree-bench';
import { insertSealedEvents, SealedEventColumns, syntheticEvent } from './synthetic-events';

const ROOT = resolve(__dirname, '..', '..', '..');
const HEADING = '## Audit log';
const TOTAL = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const BATCH = 5000;
const CHECKPOINT_EVERY = 10_000;

/** The columns the export reads, in the same order for \copy. */
const EXPORT_SELECT = `SELECT seq, id, occurred_at, action, actor_type, actor_id, actor_display,
  target_type, target_id, changes, outcome, ip, user_agent, request_id, prev_hash, hash
  FROM audit_events ORDER BY seq`;

function log(message: string): void {
  process.stderr.write(`[bench:audit] ${message}\n`);
}

/** Resident memory of a process (MB) now, from /proc. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // The process has exited.
  }
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Peak RSS of a process while something runs (polled every 10 ms: /proc vanishes at exit). */
function watchPeakRss(pid: number): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
  return {
    stop() {
      peak = Math.max(peak, rssMb(pid));
      clearInterval(timer);
      return peak;
    },
  };
}

async function seed(
  dataSource: DataSource,
  privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'],
  keyId: string,
): Promise<void> {
  let prevHash = GENESIS_HASH;
  const started = Date.now();
  for (let base = 0; base < TOTAL; base += BATCH) {
    const batch = new SealedEventColumns();
    const checkpoints: unknown[][] = [];
    for (let i = base + 1; i <= Math.min(base + BATCH, TOTAL); i += 1) {
      const event = syntheticEvent(i);
      const hash = eventHash(prevHash, event);
      batch.push(event, prevHash, hash);
      if (i % CHECKPOINT_EVERY === 0 || i === TOTAL) {
        const statement = { seq: String(i), hash, createdAt: new Date(), keyId };
        const signature = sign(null, Buffer.from(checkpointPayload(statement)), privateKey);
        checkpoints.push([
          statement.seq,
          hash,
          statement.createdAt,
          keyId,
          signature.toString('base64'),
        ]);
      }
      prevHash = hash;
    }
    await insertSealedEvents(dataSource, batch);
    for (const checkpoint of checkpoints) {
      await dataSource.query(
        `INSERT INTO audit_checkpoints (seq, hash, created_at, key_id, signature, reason)
         VALUES ($1, $2, $3, $4, $5, 'interval')`,
        checkpoint,
      );
    }
    if ((base / BATCH) % 40 === 0) log(`seeded ${Math.min(base + BATCH, TOTAL)} / ${TOTAL}`);
  }
  await dataSource.query('ANALYZE audit_events');
  log(`seeded ${TOTAL} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function measureExport(
  port: number,
  token: string,
  format: 'jsonl' | 'csv',
  serverPid: number,
): Promise<{
  rowsPerSecond: number;
  seconds: number;
  bytes: number;
  restRssMb: number;
  peakRssMb: number;
}> {
  const restRssMb = rssMb(serverPid);
  const peak = watchPeakRss(serverPid);
  const started = process.hrtime.bigint();
  let bytes = 0;
  let newlines = 0;
  await new Promise<void>((done, fail) => {
    const request = get(
      `http://127.0.0.1:${port}/api/v1/audit/events/export?format=${format}`,
      { headers: { Authorization: `Bearer ${token}` } },
      (response) => {
        if (response.statusCode !== 200) fail(new Error(`export answered ${response.statusCode}`));
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines += 1;
        });
        response.on('end', done);
        response.on('error', fail);
      },
    );
    request.on('error', fail);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = format === 'csv' ? newlines - 1 : newlines;
  if (rows !== TOTAL) throw new Error(`export returned ${rows} rows, expected ${TOTAL}`);
  return { rowsPerSecond: rows / seconds, seconds, bytes, restRssMb, peakRssMb: peak.stop() };
}

async function measureCopy(
  url: string,
): Promise<{ rowsPerSecond: number; seconds: number; peakRssMb: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(
    'psql',
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      url,
      '-c',
      `\\copy (${EXPORT_SELECT.replace(/\s+/g, ' ')}) TO '/dev/null' WITH (FORMAT csv, HEADER)`,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const peak = watchPeakRss(child.pid ?? 0);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`psql \\copy failed: ${stderr}`);
  return { rowsPerSecond: TOTAL / seconds, seconds, peakRssMb: peak.stop() };
}

interface ServerSetup {
  databaseUrl: string;
  redisUrl: string;
  keyDir: string;
  keyFile: string;
}

/** Forks the built export server on the bench database; resolves with its port and a token. */
async function startExportServer(
  entry: string,
  { databaseUrl, redisUrl, keyDir, keyFile }: ServerSetup,
): Promise<{ child: ChildProcess; port: number; token: string }> {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const child = fork(entry, [], {
    execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [],
    cwd: ROOT,
    env: {
      ...process.env,
      // Not `production`: that demands managed JWT keys; the bench generates throwaway ones.
      NODE_ENV: 'development',
      JWT_KEY_DIR: join(keyDir, 'jwt'),
      APP_ROLE: 'api',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: new URL(databaseUrl).pathname.slice(1),
      LOG_LEVEL: 'warn',
      AUDIT_SIGNING_KEY_FILE: keyFile,
      // Bench traffic is one client: keep the rate limiter out of the measurement.
      THROTTLE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port, token } = await new Promise<{ port: number; token: string }>((done, fail) => {
    child.once('message', (message) => done(message as { port: number; token: string }));
    child.once('exit', (code) => fail(new Error(`export server exited with ${code}`)));
  });
  return { child, port, token };
}

interface ExportServer {
  name: string;
  port: number;
  token: string;
  pid: number;
}

/**
 * BENCH_ROUNDS rounds of `\copy`, then each server's JSONL and CSV export, with each export's
 * rate as a share of its round's `\copy` and the server's CPU per row; a markdown table of
 * the median and best share per variant.
 */
async function compareExports(databaseUrl: string, servers: ExportServer[]): Promise<string> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const results = new Map<string, { share: number; cpu: number; rss: number }[]>();
  await measureCopy(databaseUrl); // warm-up
  for (const server of servers) {
    for (const format of ['jsonl', 'csv'] as const) {
      await measureExport(server.port, server.token, format, server.pid); // warm-up
    }
  }
  for (let round = 0; round < rounds; round += 1) {
    const copy = await measureCopy(databaseUrl);
    log(`round ${round + 1}: \\copy ${Math.round(copy.rowsPerSecond)} rows/s`);
    for (const server of servers) {
      for (const format of ['jsonl', 'csv'] as const) {
        const before = cpuSeconds(server.pid);
        const run = await measureExport(server.port, server.token, format, server.pid);
        const cpu = ((cpuSeconds(server.pid) - before) / TOTAL) * 1e6;
        const key = `${server.name}, ${format === 'csv' ? 'CSV' : 'JSON Lines'}`;
        const share = run.rowsPerSecond / copy.rowsPerSecond;
        log(
          `${key}: ${Math.round(run.rowsPerSecond)} rows/s, ${Math.round(share * 100)}%, ${cpu.toFixed(2)} µs/row`,
        );
        const list = results.get(key) ?? [];
        list.push({ share, cpu, rss: run.peakRssMb - run.restRssMb });
        results.set(key, list);
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const lines = [...results].map(([key, list]) => {
    const shares = list.map((r) => r.share);
    const cpus = list.map((r) => r.cpu);
    return `| ${key} | ${Math.round(median(shares) * 100)} % | ${Math.round(Math.max(...shares) * 100)} % | ${median(cpus).toFixed(2)} | ${Math.max(...list.map((r) => r.rss)).toFixed(0)} MB |`;
  });
  return [
    `${TOTAL.toLocaleString('en')} rows, ${rounds} rounds; load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
    '',
    '| Export | vs `\\copy` (median) | vs `\\copy` (best) | API CPU µs/row (median) | RSS rise (max) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...lines,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const services = await resolveServices({ log: log });
  const database = `tt_bench_audit_${Date.now()}`;
  const admin = new Client({ connectionString: services.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(services.databaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const keyDir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const keyFile = join(keyDir, 'signing-key.pem');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const keyId = keyIdOf(publicKey);

  const dataSource = await new DataSource(
    typeormOptions({
      url: databaseUrl,
      poolSize: 4,
      connectTimeoutMs: 5000,
      applicationName: 'bench-audit',
    }),
  ).initialize();
  let server: ChildProcess | undefined;
  let baseServer: ChildProcess | undefined;
  try {
    await dataSource.runMigrations();
    await seed(dataSource, privateKey, keyId);

    const setup = { databaseUrl, redisUrl: services.redisUrl, keyDir, keyFile };
    const started = await startExportServer(buildExportServer(log), setup);
    server = started.child;
    const { port, token } = started;
    const pid = server.pid ?? 0;
    if (process.env.BENCH_AUDIT_EXPORT_ONLY === '1') {
      const baseDist = process.env.BENCH_BASE_API_DIST;
      if (baseDist) {
        const base = await startExportServer(buildExportServer(log, baseDist), setup);
        baseServer = base.child;
        const servers = [
          { name: 'this build', port, token, pid },
          {
            name: `base (${baseDist})`,
            port: base.port,
            token: base.token,
            pid: base.child.pid ?? 0,
          },
        ];
        process.stdout.write(await compareExports(databaseUrl, servers));
      } else {
        process.stdout.write(
          await compareExports(databaseUrl, [{ name: 'this build', port, token, pid }]),
        );
      }
      return;
    }
    log('measuring exports and \\copy (warm-up pass first)');
    await measureCopy(databaseUrl);
    const copy = await measureCopy(databaseUrl);
    const jsonl = await measureExport(port, token, 'jsonl', pid);
    const csv = await measureExport(port, token, 'csv', pid);
    const copyAgain = await measureCopy(databaseUrl);
    const copyBest = copy.rowsPerSecond >= copyAgain.rowsPerSecond ? copy : copyAgain;

    log('measuring verify');
    const verifyStarted = process.hrtime.bigint();
    const verified = await verifyChain(dataSource, { publicKey, keyId });
    const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;
    if (!verified.ok || verified.checked !== TOTAL) {
      throw new Error(`verify failed on the seeded chain: ${JSON.stringify(verified)}`);
    }

    const exportRatio = Math.min(jsonl.rowsPerSecond, csv.rowsPerSecond) / copyBest.rowsPerSecond;
    const rssRise = Math.max(jsonl.peakRssMb - jsonl.restRssMb, csv.peakRssMb - csv.restRssMb);
    const verifyRate = verified.checked / verifySeconds;
    const verdict = [
      `export ${exportRatio >= 0.6 ? 'meets' : 'misses'} 60% of \\copy (slowest format ${Math.round(exportRatio * 100)}%)`,
      `export RSS rise ${rssRise < 64 ? 'meets' : 'misses'} < 64 MB (largest ${rssRise.toFixed(0)} MB)`,
      `verify ${verifyRate >= 300_000 ? 'meets' : 'misses'} 300,000 events/s`,
    ].join('; ');
    log('measuring the Merkle tree (sealing side by side, proofs)');
    const treeSection = await measureTree(services.databaseUrl, log, services.redisUrl);
    const fmt = (n: number) => Math.round(n).toLocaleString('en');
    const pct = (n: number) => `${Math.round(n * 100)}%`;
    const section = `${HEADING}

\`npm run bench:audit\` (${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; local Postgres and Redis). ${fmt(TOTAL)} sealed events seeded in a fresh database; the export is the real \`GET /api/v1/audit/events/export\` (role \`api\`, auditor token) read over loopback by a client that discards the body; the baseline is \`psql \\copy (same SELECT) TO '/dev/null' CSV\` in the same run (best of two).

| What | Rows/s | vs \`\\copy\` | Time | RSS at rest → peak |
| --- | ---: | ---: | ---: | ---: |
| \`psql \\copy\` (baseline) | ${fmt(copyBest.rowsPerSecond)} | 100% | ${copyBest.seconds.toFixed(1)} s | — → ${copyBest.peakRssMb.toFixed(0)} MB (psql) |
| Export, JSON Lines | ${fmt(jsonl.rowsPerSecond)} | ${pct(jsonl.rowsPerSecond / copyBest.rowsPerSecond)} | ${jsonl.seconds.toFixed(1)} s | ${jsonl.restRssMb.toFixed(0)} → ${jsonl.peakRssMb.toFixed(0)} MB (API) |
| Export, CSV | ${fmt(csv.rowsPerSecond)} | ${pct(csv.rowsPerSecond / copyBest.rowsPerSecond)} | ${csv.seconds.toFixed(1)} s | ${csv.restRssMb.toFixed(0)} → ${csv.peakRssMb.toFixed(0)} MB (API) |
| Verify chain + ${fmt(Math.ceil(TOTAL / CHECKPOINT_EVERY))} checkpoints | ${fmt(verified.checked / verifySeconds)} | — | ${verifySeconds.toFixed(1)} s | — |

Aims: export ≥ 60% of \`\\copy\`'s rows/s, in either format, with an RSS rise above rest under 64 MB; verify ≥ 300,000 events/s. RSS is VmRSS from /proc, polled every 10 ms; the API runs from built JavaScript (\`tsc -p tsconfig.build.json\`), and the export's own cost is the rise from rest to peak. Files: ${(jsonl.bytes / 2 ** 20).toFixed(0)} MiB JSONL, ${(csv.bytes / 2 ** 20).toFixed(0)} MiB CSV. Load average when done: ${loadavg()[0].toFixed(1)} (a shared machine gives noisy absolute figures; compare the ratios).

Status against the aims: ${verdict}

${treeSection}`;
    process.stdout.write(`${section}\n`);
    if (process.env.BENCH_WRITE_DOCS !== '0') writeBenchmarkSection(HEADING, section);
  } finally {
    for (const child of [server, baseServer]) {
      if (child?.connected) child.disconnect();
      // It exits on disconnect; give it a moment (a --cpu-prof profile is written at exit).
      if (child && child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
      }
      child?.kill();
    }
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:audit failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
