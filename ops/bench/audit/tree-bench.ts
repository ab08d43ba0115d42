/**
 * Audit Merkle tree figures (issue #17), one function for `npm run bench:audit` and runnable on
 * its own (`npx ts-node -P tsconfig.json --transpile-only ops/bench/audit/tree-bench.ts`):
 *   - sealing throughput, side by side: the sealer of BENCH_SEAL_BASELINE_REF (default: the
 *     commit before the tree) against the current one, each draining BENCH_SEAL_EVENTS outbox
 *     rows into a fresh database, alternated, best of BENCH_SEAL_ROUNDS each;
 *   - proof latency at BENCH_TREE_LEAVES (1,000,000) leaves: inclusion and consistency proofs
 *     through the same store reads the API uses (one statement per proof). Proofs never read
 *     events, so the tree is built from synthetic leaf hashes.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import {
  appendLeaves,
  consistencyPlan,
  Frontier,
  inclusionPlan,
  merkleStore,
  readPlans,
  rootPlan,
  TreeNode,
} from '../../../api/src/audit-log';
import { typeormOptions } from '../../../api/src/database/typeorm-options';
import { resolveServices } from '../../dev-services/resolve-services';
import { Latencies, latencies, measureHttpProofs, withGcTime } from './proof-http';

const ROOT = resolve(__dirname, '..', '..', '..');
const BASELINE_REF = process.env.BENCH_SEAL_BASELINE_REF ?? '21f20aa';
/** More sealers to run side by side (comma-separated git refs), e.g. an earlier tree sealer. */
const EXTRA_REFS = (process.env.BENCH_SEAL_EXTRA_REFS ?? '').split(',').filter(Boolean);
/** Which parts run (comma-separated): sealing, proofs. */
const PARTS = new Set((process.env.BENCH_TREE_PARTS ?? 'sealing,proofs').split(','));
const SEAL_EVENTS = Number(process.env.BENCH_SEAL_EVENTS ?? 20_000);
const SEAL_ROUNDS = Number(process.env.BENCH_SEAL_ROUNDS ?? 3);
const TREE_LEAVES = Number(process.env.BENCH_TREE_LEAVES ?? 1_000_000);
const PROOFS = 2000;

type Log = (message: string) => void;
interface Sealer {
  drain(): Promise<number>;
}
interface SealerFactory {
  create(dataSource: DataSource): Sealer;
  /** The schema of the sealer's own commit. */
  migrations: DataSourceOptions['migrations'];
}
/** The settings the sealers read (shared object: sealRate points it at a new directory). */
const settingsInUse: Record<string, unknown> = {};

async function withDatabase<T>(
  serverUrl: string,
  work: (dataSource: DataSource, database: { name: string; url: string }) => Promise<T>,
  poolSize = 4,
  migrations?: DataSourceOptions['migrations'],
): Promise<T> {
  const name = `tt_bench_tree_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(
    typeormOptions({
      url: url.toString(),
      poolSize,
      connectTimeoutMs: 5000,
      applicationName: 'bench-tree',
    }),
  );
  // A sealer from another commit gets that commit's schema (its tables may have changed since).
  if (migrations) dataSource.setOptions({ migrations });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    return await work(dataSource, { name, url: url.toString() });
  } finally {
    await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** A ConfigService stand-in: the sealer only reads settings with `get`. */
function configOf(values: Record<string, unknown>): unknown {
  return { get: (key: string) => values[key] };
}

/** Sealer classes from a source tree (the checkout itself, or the baseline extracted by git). */
function sealerFactory(sourceRoot: string, settings: Record<string, unknown>): SealerFactory {
  /* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment --
     the baseline is loaded from another source tree at run time, so it has no static types */
  const { AuditSealerService } = require(
    join(sourceRoot, 'api/src/audit-log/audit-sealer.service'),
  );
  const { CheckpointSigner } = require(
    join(sourceRoot, 'api/src/audit-log/chain/checkpoint-signer'),
  );
  const checkpointerFile = join(sourceRoot, 'api/src/audit-log/tree/tree-checkpointer.service.ts');
  const Checkpointer = existsSync(checkpointerFile)
    ? (require(checkpointerFile) as { TreeCheckpointer: new (...args: unknown[]) => unknown })
        .TreeCheckpointer
    : undefined;
  const { MIGRATIONS } = require(join(sourceRoot, 'migrations'));
  /* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-assignment */
  const config = configOf(settings);
  const Sealer = AuditSealerService as new (...args: unknown[]) => Sealer;
  const signer: unknown = new (CheckpointSigner as new (config: unknown) => unknown)(config);
  const migrations = MIGRATIONS as DataSourceOptions['migrations'];
  if (Checkpointer) {
    return {
      migrations,
      create: (dataSource) =>
        new Sealer(dataSource, signer, new Checkpointer(dataSource, signer, config), config),
    };
  }
  return { migrations, create: (dataSource) => new Sealer(dataSource, signer, config) };
}

async function fillOutbox(dataSource: DataSource, count: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type, target_id,
       changes, outcome, ip, user_agent, request_id)
     SELECT (ARRAY['task.created','task.updated','auth.login.succeeded'])[1 + i % 3], 'user',
            'user-' || (i % 997), 'user' || (i % 997) || '@example.com', 'task', 'task-' || i,
            CASE WHEN i % 3 = 1 THEN jsonb_build_object('title', jsonb_build_object('before', 'Title ' || i, 'after', 'Title v' || i)) END,
            'success', '10.0.' || (i % 250) || '.' || (i % 200),
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', gen_random_uuid()::text
       FROM generate_series(1, $1) AS i`,
    [count],
  );
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
}

interface SealFigures {
  /** Events per wall-clock second (load-sensitive). */
  rate: number;
  /** Microseconds of this process's CPU per event (the sealer's Node side). */
  nodeUs: number;
  /** Microseconds of the Postgres backend's CPU per event (the sealer's SQL). */
  pgUs: number;
}

async function sealRate(serverUrl: string, factory: SealerFactory): Promise<SealFigures> {
  // One connection: every statement of the drain runs in the backend whose CPU is read.
  return withDatabase(
    serverUrl,
    async (dataSource) => {
      // Each round is a new log: its checkpoints go to a new directory.
      settingsInUse.AUDIT_CHECKPOINT_DIR = mkdtempSync(join(tmpdir(), 'bench-tree-checkpoints-'));
      await fillOutbox(dataSource, SEAL_EVENTS);
      await dataSource.query('ANALYZE audit_outbox');
      const [{ pid }]: { pid: number }[] = await dataSource.query('SELECT pg_backend_pid() AS pid');
      if (process.env.BENCH_SEAL_EXPLAIN === '1') {
        // Every statement's plan with timings and buffers in the server log (needs a superuser).
        await dataSource.query(`LOAD 'auto_explain'`);
        await dataSource.query(
          `SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
           SET auto_explain.log_buffers = on; SET auto_explain.log_nested_statements = on`,
        );
      }
      const sealer = factory.create(dataSource);
      const pgBefore = processCpuSeconds(pid);
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      const sealed = await sealer.drain();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuBefore);
      const pgSeconds = processCpuSeconds(pid) - pgBefore;
      if (sealed !== SEAL_EVENTS) throw new Error(`sealed ${sealed} of ${SEAL_EVENTS}`);
      return {
        rate: sealed / seconds,
        nodeUs: (cpu.user + cpu.system) / sealed,
        pgUs: (pgSeconds * 1e6) / sealed,
      };
    },
    1,
    factory.migrations,
  );
}

/** The baseline's source tree, extracted from git into a temporary directory. */
function extractRef(ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-seal-baseline-'));
  const archive = execFileSync('git', ['-C', ROOT, 'archive', ref, 'api/src', 'migrations'], {
    maxBuffer: 256 * 2 ** 20,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function measureSealing(serverUrl: string, log: Log) {
  const keyDir = mkdtempSync(join(tmpdir(), 'bench-tree-key-'));
  const keyFile = join(keyDir, 'signing-key.pem');
  writeFileSync(
    keyFile,
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  const settings = Object.assign(settingsInUse, {
    AUDIT_SIGNING_KEY: '',
    AUDIT_SIGNING_KEY_FILE: keyFile,
    AUDIT_PREVIOUS_PUBLIC_KEYS: '',
    AUDIT_SEAL_BATCH_SIZE: 500,
    AUDIT_CHECKPOINT_EVERY: 1000,
    AUDIT_CHECKPOINT_INTERVAL_MS: 300_000,
    AUDIT_LOG_ORIGIN: 'bench.local/audit',
    AUDIT_CHECKPOINT_MAX_DELAY_MS: 10_000,
    AUDIT_CHECKPOINT_DIR: join(keyDir, 'checkpoints'),
  });
  const refs = [BASELINE_REF, ...EXTRA_REFS];
  const dirs = refs.map(extractRef);
  try {
    // Interleaved: every round runs each sealer once, so load drifts hit them alike.
    const sealers = [
      ...refs.map((ref, i) => ({ name: ref, factory: sealerFactory(dirs[i], settings) })),
      { name: 'current', factory: sealerFactory(ROOT, settings) },
    ];
    const figures = new Map<string, SealFigures[]>(sealers.map((s) => [s.name, []]));
    for (let round = 0; round < SEAL_ROUNDS; round += 1) {
      const line: string[] = [];
      for (const sealer of sealers) {
        const f = await sealRate(serverUrl, sealer.factory);
        figures.get(sealer.name)?.push(f);
        line.push(
          `${sealer.name} ${Math.round(f.rate)}/s node ${f.nodeUs.toFixed(0)} µs/ev pg ${f.pgUs.toFixed(0)} µs/ev`,
        );
      }
      log(`sealing round ${round + 1}: ${line.join('; ')}`);
    }
    return figures;
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  }
}

async function measureProofs(serverUrl: string, log: Log, redisUrl: string | undefined) {
  return withDatabase(serverUrl, async (dataSource, database) => {
    let frontier: Frontier = { size: 0, hashes: [] };
    // Appended as the sealer appends, a batch of AUDIT_SEAL_BATCH_SIZE (500) at a time, so
    // the segments the proofs read are the size a sealed log has.
    const chunk = 500;
    const started = Date.now();
    for (let at = 0; at < TREE_LEAVES; at += chunk) {
      const leaves: Buffer[] = [];
      for (let i = at; i < Math.min(at + chunk, TREE_LEAVES); i += 1) {
        leaves.push(createHash('sha256').update(`leaf ${i}`).digest());
      }
      const appended: { frontier: Frontier; created: TreeNode[] } = appendLeaves(frontier, leaves);
      await merkleStore.insertNodes(dataSource, appended.created);
      frontier = appended.frontier;
    }
    await dataSource.query('ANALYZE audit_merkle_segments');
    await dataSource.query('VACUUM (ANALYZE) audit_merkle_segments');
    log(`built a tree of ${TREE_LEAVES} leaves in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const reader = merkleStore.reader(dataSource);
    const time = async (plans: Parameters<typeof readPlans>[1]) => {
      const t0 = process.hrtime.bigint();
      await readPlans(reader, plans);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const random = (n: number) => Math.floor(Math.random() * n);
    for (let i = 0; i < 200; i += 1) await time([inclusionPlan(random(TREE_LEAVES), TREE_LEAVES)]); // warm-up
    const inclusion = await withGcTime(async () => {
      const ms: number[] = [];
      for (let i = 0; i < PROOFS; i += 1) {
        ms.push(
          await time([inclusionPlan(random(TREE_LEAVES), TREE_LEAVES), rootPlan(TREE_LEAVES)]),
        );
      }
      return ms;
    });
    const consistency = await withGcTime(async () => {
      const ms: number[] = [];
      for (let i = 0; i < PROOFS; i += 1) {
        ms.push(await time([consistencyPlan(1 + random(TREE_LEAVES - 1), TREE_LEAVES)]));
      }
      return ms;
    });
    log(
      `store reads: GC ${inclusion.gcMs.toFixed(0)} ms over ${PROOFS} inclusion proofs, ${consistency.gcMs.toFixed(0)} ms over ${PROOFS} consistency proofs`,
    );
    const http = redisUrl
      ? await measureHttpProofs({
          dataSource,
          databaseUrl: database.url,
          redisUrl,
          database: database.name,
          treeSize: TREE_LEAVES,
          count: PROOFS,
        })
      : undefined;
    return {
      inclusion: latencies(inclusion.result),
      consistency: latencies(consistency.result),
      http,
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function sealingSection(figures: Map<string, SealFigures[]>): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const base = figures.get(BASELINE_REF) ?? [];
  const rows = [...figures].map(([name, runs]) => {
    const rate = Math.max(...runs.map((f) => f.rate));
    // Per-round CPU ratios against the baseline of the same round, then their median.
    const cpu = median(runs.map((f, i) => (f.nodeUs + f.pgUs) / (base[i].nodeUs + base[i].pgUs)));
    return `| ${name === BASELINE_REF ? `\`${name}\` (before the tree)` : name === 'current' ? 'current' : `\`${name}\``} | ${fmt(rate)} (${Math.round((rate / Math.max(...base.map((f) => f.rate))) * 100)}%) | ${runs.map((f) => fmt(f.rate)).join(', ')} | ${fmt(median(runs.map((f) => f.nodeUs)))} | ${fmt(median(runs.map((f) => f.pgUs)))} | ${Math.round(cpu * 100)}% |`;
  });
  return `Sealing: ${fmt(SEAL_EVENTS)} outbox rows drained by \`AuditSealerService.drain()\` (batches of 500, one connection) into a fresh database, each sealer once per round, ${SEAL_ROUNDS} rounds. CPU is the load-insensitive figure: Node CPU of the bench process and CPU of the Postgres backend (\`/proc/<pid>/stat\`), per event, median of rounds; the ratio is (Node + Postgres) CPU per event against the baseline's of the same round.

| Sealer | Best events/s (of before) | All rounds, events/s | Node CPU µs/event | Postgres CPU µs/event | CPU per event vs before |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`;
}

/** Runs the measurements and returns the markdown subsection for docs/benchmarks.md. */
export async function measureTree(serverUrl: string, log: Log, redisUrl?: string): Promise<string> {
  const parts: string[] = ['### Merkle tree\n'];
  if (PARTS.has('sealing')) parts.push(sealingSection(await measureSealing(serverUrl, log)));
  if (PARTS.has('proofs')) {
    const proofs = await measureProofs(serverUrl, log, redisUrl);
    const row = (what: string, l: Latencies) =>
      `| ${what} | ${l.p50.toFixed(2)} ms | ${l.p99.toFixed(2)} ms | ${l.max.toFixed(2)} ms |`;
    const httpRows = proofs.http
      ? `\n${row('Inclusion, GET /audit/events/{id}/proof over loopback', proofs.http.inclusion)}\n${row('Consistency, GET /audit/consistency over loopback', proofs.http.consistency)}`
      : '';
    parts.push(`| Proofs at ${TREE_LEAVES.toLocaleString('en')} leaves | p50 | p99 | max |
| --- | ---: | ---: | ---: |
${row('Inclusion + root, store read', proofs.inclusion)}
${row('Consistency, store read', proofs.consistency)}${httpRows}

${PROOFS.toLocaleString('en')} random proofs each after a warm-up, over a tree of synthetic leaf hashes (proofs never read events): the store read (one statement by primary key) plus assembly, in the bench process; then the real routes (the API in a child process, one keep-alive connection, an auditor's token; each inclusion proof looks its event up by id). Aims: sealing ≥ 95% of before; proof p99 < 10 ms.
`);
  }
  return parts.join('\n');
}

if (require.main === module) {
  const log: Log = (message) => process.stderr.write(`[bench:audit-tree] ${message}\n`);
  resolveServices({ log })
    .then(async (services) => {
      try {
        process.stdout.write(
          `${await measureTree(services.databaseUrl, log, services.redisUrl)}\n`,
        );
      } finally {
        await services.stop();
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
