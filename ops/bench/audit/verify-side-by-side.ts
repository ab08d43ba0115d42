/**
 * Two (or more) builds of verify, side by side in one process, in turns, on the database that
 * `npm run bench:audit-verify` seeded (tt_bench_verify_<N>, its key and checkpoint files):
 *
 *   npx ts-node -P tsconfig.json --transpile-only ops/bench/audit/verify-side-by-side.ts \
 *     <events> <rounds> parent=/path/to/parent/checkout new=.
 *
 * Each checkout must have run `npx tsc -p ops/bench/audit/tsconfig.verify-speed.json` (built
 * JS in dist/bench-verify). Per round and build: `verifyChain` over the whole log (events/s,
 * this process's CPU per event, the Postgres backends' CPU per event); then, with
 * BENCH_IN_MEMORY=<rows>, the same walk (decode, chain, tree) over the first <rows> events'
 * COPY chunks held in memory, so only Node's CPU is measured. On a loaded machine the CPU per
 * event is the figure to compare; medians of the rounds are printed last.
 */
import 'reflect-metadata';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type * as AuditLogModule from '../../../api/src/audit-log';
import { typeormOptions } from '../../../api/src/database/typeorm-options';
import { resolveServices } from '../../dev-services/resolve-services';

type AuditLog = typeof AuditLogModule;

interface Build {
  label: string;
  audit: AuditLog;
}

interface Sample {
  rate: number;
  node: number;
  pg: number;
}

/** CPU ticks (1/100 s) of the Postgres backends serving `database`. */
async function backendTicks(admin: Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [database],
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone, or not a local Postgres: not counted.
    }
  }
  return ticks;
}

/** The verify walk over COPY chunks in memory, as verifyChain does it in each build. */
function walkInMemory(audit: AuditLog, chunks: Buffer[], publicKey: KeyObject, dir: string) {
  const { checkpoints } = audit.readPublishedCheckpoints(join(dir, 'checkpoints'), publicKey);
  const walker = new audit.ChainWalker(
    publicKey,
    { seq: 1n, prevHash: audit.GENESIS_HASH },
    new audit.TreeChecker(checkpoints),
  );
  const encoder = new audit.EventTupleEncoder();
  // An older build has no pushTuple: its verifyChain called pushEncoded with strings.
  const tuples = typeof (walker as { pushTuple?: unknown }).pushTuple === 'function';
  let events = 0;
  for (const chunk of chunks) {
    for (let at = 0; at < chunk.length;) {
      at = encoder.read(chunk, at);
      const ok = tuples
        ? walker.pushTuple(encoder)
        : walker.pushEncoded(
            encoder.seq,
            encoder.prevHash,
            encoder.hash,
            encoder.buffer,
            encoder.length,
          );
      if (!ok) throw new Error(`in-memory walk failed: ${JSON.stringify(walker.finish())}`);
      events += 1;
    }
  }
  const result = walker.finish();
  if (!result.ok || result.checked !== events) throw new Error(JSON.stringify(result));
  return events;
}

/** Decoding alone (what would stay on the main thread if a worker did the hashing). */
function decodeInMemory(audit: AuditLog, chunks: Buffer[]): { events: number; bytes: number } {
  const encoder = new audit.EventTupleEncoder();
  let events = 0;
  let bytes = 0;
  for (const chunk of chunks) {
    for (let at = 0; at < chunk.length;) {
      at = encoder.read(chunk, at);
      bytes += encoder.length - 64;
      events += 1;
    }
  }
  return { events, bytes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function main(): Promise<void> {
  const [totalArg, roundsArg, ...buildArgs] = process.argv.slice(2);
  const total = Number(totalArg);
  const rounds = Number(roundsArg);
  const builds: Build[] = buildArgs.map((arg) => {
    const [label, root] = arg.split('=');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a build chosen at run time
    const audit = require(resolve(root, 'dist/bench-verify/api/src/audit-log')) as AuditLog;
    return { label, audit };
  });
  const inMemoryRows = Number(process.env.BENCH_IN_MEMORY ?? 0);
  const services = await resolveServices({ log: () => undefined });
  const database = `tt_bench_verify_${total}`;
  const dir = join(tmpdir(), `tt-bench-verify-${total}`);
  const url = new URL(services.databaseUrl);
  url.pathname = `/${database}`;
  const admin = new Client({ connectionString: services.databaseUrl });
  await admin.connect();
  const dataSource = await new DataSource(
    typeormOptions({
      url: url.toString(),
      poolSize: 2,
      connectTimeoutMs: 5000,
      applicationName: 'bench-verify-side-by-side',
    }),
  ).initialize();
  const publicKey = createPublicKey(readFileSync(join(dir, 'signing-key.pem')));
  const chunks: Buffer[] = [];
  if (inMemoryRows > 0) {
    const stream = await builds[0].audit.openEventTupleStream(dataSource, 1n, BigInt(total));
    try {
      for await (const chunk of stream.body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        if (stream.body.rows >= inMemoryRows) break;
      }
    } finally {
      stream.release();
    }
  }
  const samples = new Map<string, { db: Sample[]; memory: number[]; decode: number[] }>(
    builds.map((build) => [build.label, { db: [], memory: [], decode: [] }]),
  );
  try {
    for (let round = 1; round <= rounds; round += 1) {
      for (const { label, audit } of builds) {
        const key = { publicKey, keyId: audit.keyIdOf(publicKey) };
        const pgBefore = await backendTicks(admin, database);
        const cpuBefore = process.cpuUsage();
        const started = process.hrtime.bigint();
        const result = await audit.verifyChain(
          dataSource,
          key,
          {},
          { checkpointDir: join(dir, 'checkpoints') },
        );
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const cpu = process.cpuUsage(cpuBefore);
        const pgTicks = (await backendTicks(admin, database)) - pgBefore;
        if (!result.ok || result.checked !== total) throw new Error(JSON.stringify(result));
        const sample = {
          rate: total / seconds,
          node: (cpu.user + cpu.system) / total,
          pg: (pgTicks * 1e4) / total,
        };
        samples.get(label)?.db.push(sample);
        let line =
          `round ${round} ${label}: verify ${Math.round(sample.rate).toLocaleString('en')} events/s ` +
          `(${seconds.toFixed(2)} s), Node ${sample.node.toFixed(2)} µs/event, ` +
          `Postgres ${sample.pg.toFixed(2)} µs/event`;
        if (chunks.length > 0) {
          const before = process.cpuUsage();
          const events = walkInMemory(audit, chunks, publicKey, dir);
          const used = process.cpuUsage(before);
          const us = (used.user + used.system) / events;
          samples.get(label)?.memory.push(us);
          const decodeBefore = process.cpuUsage();
          const decoded = decodeInMemory(audit, chunks);
          const decodeUsed = process.cpuUsage(decodeBefore);
          const decodeUs = (decodeUsed.user + decodeUsed.system) / decoded.events;
          samples.get(label)?.decode.push(decodeUs);
          line +=
            `; in memory ${events} events, Node ${us.toFixed(2)} µs/event, of which decoding ` +
            `alone ${decodeUs.toFixed(2)} (${Math.round(decoded.bytes / decoded.events)} canonical bytes/event)`;
        }
        process.stdout.write(`${line}; load ${loadavg()[0].toFixed(1)}\n`);
      }
    }
    for (const [label, { db, memory, decode }] of samples) {
      process.stdout.write(
        `${label}: median verify ${Math.round(median(db.map((s) => s.rate))).toLocaleString('en')} events/s, ` +
          `Node ${median(db.map((s) => s.node)).toFixed(2)} µs/event, ` +
          `Postgres ${median(db.map((s) => s.pg)).toFixed(2)} µs/event` +
          (memory.length > 0
            ? `; in memory Node ${median(memory).toFixed(2)} µs/event, ` +
              `decoding alone ${median(decode).toFixed(2)}`
            : '') +
          '\n',
      );
    }
  } finally {
    await dataSource.destroy();
    await admin.end();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
