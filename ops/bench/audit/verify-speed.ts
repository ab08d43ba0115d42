/**
 * `npm run bench:audit-verify`: how fast `verifyChain` (what `npm run audit:verify` and the API
 * verify run) walks a sealed log of BENCH_VERIFY_EVENTS (1,000,000) events with a signed C2SP
 * checkpoint file every 10,000 events, side by side with bare reads of the same rows (the floors:
 * no hashing) through the row cursor (what verify read before) and through verify's binary COPY.
 * Each phase also reports CPU per event of this process (all threads) and of the database's
 * Postgres backends (/proc/<pid>/stat): less sensitive to a loaded machine than rates. Meant
 * for built JS (`npm run bench:audit-verify` compiles first) and for `--cpu-prof`.
 *
 * The seeded database `tt_bench_verify_<N>` and its key and checkpoint files in
 * $TMPDIR/tt-bench-verify-<N> are kept between runs (BENCH_VERIFY_DROP=1 drops them at the end),
 * so profiling runs do not re-seed.
 */
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { KeyObject } from 'node:crypto';
import {
  appendLeaves,
  canonicalOfRow,
  chainEventOf,
  ChainWalker,
  Col,
  type EventRow,
  readPublishedCheckpoints,
  TreeChecker,
  eventHash,
  eventLeafHash,
  Frontier,
  frontierRoot,
  GENESIS_HASH,
  keyIdOf,
  openEventRowStream,
  openEventTupleStream,
  signCheckpoint,
  verifyChain,
} from '../../../api/src/audit-log';
import { typeormOptions } from '../../../api/src/database/typeorm-options';
import { resolveServices } from '../../dev-services/resolve-services';
import { insertSealedEvents, SealedEventColumns, syntheticEvent } from './synthetic-events';

const TOTAL = Number(process.env.BENCH_VERIFY_EVENTS ?? 1_000_000);
const BATCH = 5000;
const CHECKPOINT_EVERY = 10_000;
const ORIGIN = 'bench.tasktrackr.example/audit';

function log(message: string): void {
  process.stderr.write(`[bench:audit-verify] ${message}\n`);
}

async function seed(dataSource: DataSource, dir: string, keyFile: string): Promise<void> {
  const privateKey = createPrivateKey(readFileSync(keyFile));
  const checkpointDir = join(dir, 'checkpoints');
  mkdirSync(checkpointDir, { recursive: true });
  let prevHash = GENESIS_HASH;
  let frontier: Frontier = { size: 0, hashes: [] };
  const started = Date.now();
  for (let base = 0; base < TOTAL; base += BATCH) {
    const batch = new SealedEventColumns();
    const leaves: Buffer[] = [];
    for (let i = base + 1; i <= Math.min(base + BATCH, TOTAL); i += 1) {
      const event = syntheticEvent(i);
      const hash = eventHash(prevHash, event);
      leaves.push(eventLeafHash(event));
      batch.push(event, prevHash, hash);
      prevHash = hash;
    }
    await insertSealedEvents(dataSource, batch);
    frontier = appendLeaves(frontier, leaves).frontier;
    if (frontier.size % CHECKPOINT_EVERY === 0 || frontier.size === TOTAL) {
      const note = signCheckpoint(
        { origin: ORIGIN, size: frontier.size, root: frontierRoot(frontier), extensions: [] },
        privateKey,
      );
      writeFileSync(
        join(checkpointDir, `${String(frontier.size).padStart(20, '0')}.checkpoint`),
        note,
      );
    }
    if ((base / BATCH) % 40 === 0) log(`seeded ${Math.min(base + BATCH, TOTAL)} / ${TOTAL}`);
  }
  await dataSource.query('ANALYZE audit_events');
  log(`seeded ${TOTAL} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const IN_MEMORY = Math.min(TOTAL, 200_000);

/**
 * Verify's own CPU cost, without the database: the first IN_MEMORY rows, read beforehand,
 * walked as verifyChain walks them (chain hash, leaf, tree, root at each checkpoint size).
 */
async function inMemoryPass(
  dataSource: DataSource,
  key: { publicKey: KeyObject; keyId: string },
  dir: string,
): Promise<{ events: number; seconds: number; chainSeconds: number }> {
  const stream = await openEventRowStream(dataSource, ['seq <= $1'], [String(IN_MEMORY)]);
  const rows: EventRow[] = [];
  try {
    for await (const row of stream.rows as AsyncIterable<EventRow>) rows.push(row);
  } finally {
    stream.release();
  }
  const { checkpoints } = readPublishedCheckpoints(join(dir, 'checkpoints'), key.publicKey);
  // Side by side: the chain alone through event objects, as verify walked before the tree.
  const chainStarted = process.hrtime.bigint();
  const chainOnly = new ChainWalker(key.publicKey, { seq: 1n, prevHash: GENESIS_HASH });
  for (const row of rows) chainOnly.push(chainEventOf(row));
  const chainSeconds = Number(process.hrtime.bigint() - chainStarted) / 1e9;
  const started = process.hrtime.bigint();
  const walker = new ChainWalker(
    key.publicKey,
    { seq: 1n, prevHash: GENESIS_HASH },
    new TreeChecker(checkpoints.filter((checkpoint) => checkpoint.size <= IN_MEMORY)),
  );
  for (const row of rows) {
    walker.pushCanonical(
      row[Col.Seq] as string,
      row[Col.PrevHash] as string,
      row[Col.Hash] as string,
      canonicalOfRow(row),
    );
  }
  const result = walker.finish(BigInt(IN_MEMORY));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!result.ok) throw new Error(`in-memory pass failed: ${JSON.stringify(result)}`);
  return { events: rows.length, seconds, chainSeconds };
}

/** The floor: the same cursor and rows, nothing done with them. */
async function bareRead(dataSource: DataSource): Promise<number> {
  const stream = await openEventRowStream(dataSource, [], []);
  let rows = 0;
  try {
    for await (const row of stream.rows) if (row) rows += 1;
  } finally {
    stream.release();
  }
  return rows;
}

/** CPU ticks (user + sys, 1/100 s) of each Postgres backend serving the bench database. */
async function backendTicks(admin: Client, database: string): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [database],
  );
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the ")" of the command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Not on this machine's /proc (a remote Postgres) or already gone: not counted.
    }
  }
  return ticks;
}

interface Timed<T> {
  value: T;
  seconds: number;
  /** This process's CPU (user + sys, all threads), seconds. */
  cpu: number;
  /** CPU of the bench database's Postgres backends, seconds (a local Postgres only). */
  pgCpu: number;
}

/** Wall time and the load-insensitive measures: CPU of this process and of Postgres. */
/** The new floor: the same rows through verify's binary COPY, tuples counted, not decoded. */
async function bareCopyRead(dataSource: DataSource): Promise<number> {
  const stream = await openEventTupleStream(dataSource, 1n, BigInt(TOTAL));
  try {
    for await (const chunk of stream.body as AsyncIterable<Buffer>) if (chunk.length === 0) break;
  } finally {
    stream.release();
  }
  return stream.body.rows;
}

async function timed<T>(
  admin: Client,
  database: string,
  what: () => Promise<T>,
): Promise<Timed<T>> {
  const pgBefore = await backendTicks(admin, database);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = await what();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuUsed = process.cpuUsage(cpuBefore);
  const pgAfter = await backendTicks(admin, database);
  let ticks = 0;
  for (const [pid, after] of pgAfter) ticks += after - (pgBefore.get(pid) ?? 0);
  return { value, seconds, cpu: (cpuUsed.user + cpuUsed.system) / 1e6, pgCpu: ticks / 100 };
}

/** Microseconds of CPU per event: node, then Postgres. */
function perEvent(run: Timed<unknown>, events: number): string {
  const us = (seconds: number) => ((seconds * 1e6) / events).toFixed(2);
  return `CPU ${us(run.cpu)} µs/event node + ${us(run.pgCpu)} µs/event Postgres`;
}

async function main(): Promise<void> {
  const services = await resolveServices({ log });
  const database = `tt_bench_verify_${TOTAL}`;
  const dir = join(tmpdir(), `tt-bench-verify-${TOTAL}`);
  const keyFile = join(dir, 'signing-key.pem');
  const admin = new Client({ connectionString: services.databaseUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  const fresh = exists.rowCount === 0 || !existsSync(keyFile);
  if (fresh) {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const url = new URL(services.databaseUrl);
  url.pathname = `/${database}`;
  const dataSource = await new DataSource(
    typeormOptions({
      url: url.toString(),
      poolSize: 2,
      connectTimeoutMs: 5000,
      applicationName: 'bench-audit-verify',
    }),
  ).initialize();
  try {
    if (fresh) {
      await dataSource.runMigrations();
      await seed(dataSource, dir, keyFile);
    }
    const publicKey = createPublicKey(readFileSync(keyFile));
    const key = { publicKey, keyId: keyIdOf(publicKey) };
    const runs = Number(process.env.BENCH_VERIFY_RUNS ?? 2);
    for (let run = 1; run <= runs; run += 1) {
      const bare = await timed(admin, database, () => bareRead(dataSource));
      const copy = await timed(admin, database, () => bareCopyRead(dataSource));
      const verified = await timed(admin, database, () =>
        verifyChain(dataSource, key, {}, { checkpointDir: join(dir, 'checkpoints') }),
      );
      if (!verified.value.ok || verified.value.checked !== TOTAL) {
        throw new Error(`verify failed on the seeded log: ${JSON.stringify(verified.value)}`);
      }
      const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
      const memory = await inMemoryPass(dataSource, key, dir);
      process.stdout.write(
        `run ${run}: bare read ${rate(bare.value, bare.seconds)} rows/s (${bare.seconds.toFixed(2)} s); ` +
          `verify ${rate(TOTAL, verified.seconds)} events/s (${verified.seconds.toFixed(2)} s), ` +
          `${Math.round((100 * bare.seconds) / verified.seconds)} % of the bare read's rate; ` +
          `bare COPY read ${rate(copy.value, copy.seconds)} rows/s (${copy.seconds.toFixed(2)} s), ` +
          `verify at ${Math.round((100 * copy.seconds) / verified.seconds)} % of its rate; ` +
          `bare read ${perEvent(bare, bare.value)}; bare COPY read ${perEvent(copy, copy.value)}; verify ${perEvent(verified, TOTAL)}; ` +
          `in memory (no database) ${rate(memory.events, memory.seconds)} events/s, ` +
          `chain only through event objects ${rate(memory.events, memory.chainSeconds)} events/s; ` +
          `${JSON.stringify(verified.value)}; load ${loadavg()[0].toFixed(1)}\n`,
      );
    }
  } finally {
    await dataSource.destroy();
    if (process.env.BENCH_VERIFY_DROP === '1') {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    }
    await admin.end();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:audit-verify failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
