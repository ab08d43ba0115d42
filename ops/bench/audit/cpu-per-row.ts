/**
 * `npm run bench:audit-cpu`: CPU time per exported row of the Postgres backend serving the COPY
 * (utime + stime from /proc/<pg_backend_pid()>/stat) and of this Node process
 * (`process.cpuUsage`), which a shared, loaded machine changes far less than rows/s. Compares
 * what `psql \copy … CSV` makes the backend do with the export's binary COPY plus the line
 * writer (`export-row-writer.ts`), for each format. The backend and Node work in parallel,
 * so an export's rate is bounded by the larger of the two.
 *
 * Seeds BENCH_AUDIT_EVENTS (1,000,000) bench-like rows with SQL into a fresh database (a plain
 * table: no chain, no triggers; this measures formatting, not verification), takes the best
 * of BENCH_REPEAT (3) runs per variant, the variants taking turns in each round, and drops the
 * database. Needs Postgres on the same machine (it reads the backend's /proc entry).
 *
 * BENCH_EXTRA_TREES: comma-separated checkouts (e.g. a parent commit's `git archive` of
 * api/src with a node_modules link) whose export is measured in the same rounds, side by side.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import {
  CopyOutStream,
  type CopyRowWriter,
  EXPORT_COLUMNS,
  exportCopyStream,
} from '../../../api/src/audit-log';
import { resolveServices } from '../../dev-services/resolve-services';

const TOTAL = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function log(message: string): void {
  process.stderr.write(`[bench:audit-cpu] ${message}\n`);
}

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Keeps nothing: counts the tuples of a COPY whose output is discarded (backend cost only). */
class DiscardWriter implements CopyRowWriter {
  first: string[] | undefined;
  prefix(): string {
    return '';
  }
  maxBytes(): number {
    return 0;
  }
  write(_data: Buffer, _at: number, _out: Buffer, used: number): number {
    return used;
  }
  last(): string[] | undefined {
    return undefined;
  }
}

/** Text or CSV COPY (what `\copy` asks for): the bytes go nowhere. */
class TextCopy {
  callback?: (error?: Error | null) => void;
  rows = 0;
  private done!: (error?: Error) => void;
  readonly finished = new Promise<void>((resolve, reject) => {
    this.done = (error?: Error) => (error ? reject(error) : resolve());
  });
  constructor(private readonly text: string) {}
  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }
  handleCopyData(): void {
    this.rows += 1;
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {
    this.callback?.();
    this.done();
  }
  handleError(error: Error): void {
    this.callback?.(error);
    this.done(error);
  }
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
}

interface Variant {
  name: string;
  run(client: Client): Promise<void>;
}

const discard = () =>
  new Writable({
    highWaterMark: 1024 * 1024,
    write: (_chunk, _encoding, callback) => callback(),
  });

async function drain(client: Client, stream: CopyOutStream): Promise<void> {
  void client.query(stream as never);
  await pipeline(stream, discard());
  if (stream.rows !== TOTAL) throw new Error(`${stream.rows} rows, expected ${TOTAL}`);
}

const ORDERED = `SELECT ${EXPORT_COLUMNS} FROM audit_events ORDER BY seq`;

const VARIANTS: Variant[] = [
  {
    name: '`\\copy` (CSV COPY of the columns)',
    run: async (client) => {
      const copy = new TextCopy(`COPY (${ORDERED}) TO STDOUT (FORMAT csv, HEADER)`);
      void client.query(copy as never);
      await copy.finished;
    },
  },
  {
    name: 'text COPY of the columns',
    run: async (client) => {
      const copy = new TextCopy(`COPY (${ORDERED}) TO STDOUT`);
      void client.query(copy as never);
      await copy.finished;
    },
  },
  {
    name: 'binary COPY of the columns, discarded',
    run: (client) =>
      drain(
        client,
        new CopyOutStream(`COPY (${ORDERED}) TO STDOUT (FORMAT binary)`, new DiscardWriter()),
      ),
  },
  { name: 'export, JSON Lines', run: (client) => drain(client, exportCopyStream('jsonl', '')) },
  { name: 'export, CSV', run: (client) => drain(client, exportCopyStream('csv', '')) },
];

async function seed(client: Client): Promise<void> {
  await client.query(`CREATE TABLE audit_events (
    seq bigint PRIMARY KEY, id uuid NOT NULL, occurred_at timestamptz NOT NULL,
    action text COLLATE "C" NOT NULL, actor_type text NOT NULL, actor_id text,
    actor_display text NOT NULL, target_type text NOT NULL, target_id text, changes jsonb,
    outcome text NOT NULL, ip text, user_agent text, request_id text, prev_hash text NOT NULL,
    hash text NOT NULL, trace_id text)`);
  // The values of bench.ts's seed, hashes made up.
  await client.query(
    `INSERT INTO audit_events
     SELECT g, gen_random_uuid(), timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
       (ARRAY['task.created', 'task.updated', 'auth.login.succeeded'])[g % 3 + 1], 'user',
       'user-' || g % 997, 'user' || g % 997 || '@example.com', 'task', 'task-' || g % 50000,
       CASE WHEN g % 3 = 1 THEN jsonb_build_object('title', jsonb_build_object(
         'before', 'Title ' || g, 'after', 'Title, "v' || g + 1 || '"')) END,
       CASE WHEN g % 20 = 0 THEN 'failure' ELSE 'success' END,
       '10.0.' || g % 250 || '.' || g % 200,
       'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', gen_random_uuid()::text,
       encode(sha256(int8send(g - 1)), 'hex'), encode(sha256(int8send(g)), 'hex')
     FROM generate_series(1, $1::int) AS g`,
    [TOTAL],
  );
  await client.query('VACUUM ANALYZE audit_events');
}

async function main(): Promise<void> {
  const services = await resolveServices({ log });
  const database = `tt_bench_audit_cpu_${Date.now()}`;
  const admin = new Client({ connectionString: services.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(services.databaseUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
    log(`seeding ${TOTAL} rows`);
    await seed(client);
    const {
      rows: [{ pid }],
    } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const variants = [...VARIANTS, ...extraVariants, ...treeVariants()];
    const bests = variants.map(() => ({ backend: Infinity, node: Infinity, seconds: Infinity }));
    for (let i = 0; i < REPEAT; i += 1) {
      for (const [index, variant] of variants.entries()) {
        const backendBefore = cpuSeconds(pid);
        const nodeBefore = process.cpuUsage();
        const started = process.hrtime.bigint();
        await variant.run(client);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const node = process.cpuUsage(nodeBefore);
        const run = {
          backend: cpuSeconds(pid) - backendBefore,
          node: (node.user + node.system) / 1e6,
          seconds,
        };
        const best = bests[index];
        if (Math.max(run.backend, run.node) < Math.max(best.backend, best.node)) bests[index] = run;
      }
    }
    const lines: string[] = [];
    for (const [index, variant] of variants.entries()) {
      const best = bests[index];
      const perRow = (s: number) => ((s / TOTAL) * 1e6).toFixed(2);
      const line = `| ${variant.name} | ${perRow(best.backend)} | ${perRow(best.node)} | ${perRow(Math.max(best.backend, best.node))} | ${best.seconds.toFixed(2)} s |`;
      log(line);
      lines.push(line);
    }
    process.stdout.write(
      [
        `${TOTAL.toLocaleString('en')} rows, best of ${REPEAT} by max(backend, Node):`,
        '',
        '| Variant | Backend CPU µs/row | Node CPU µs/row | max µs/row | Wall |',
        '| --- | ---: | ---: | ---: | ---: |',
        ...lines,
        '',
      ].join('\n'),
    );
  } finally {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    await services.stop();
  }
}

/** More variants to compare (set by a copy of this script for a one-off comparison). */
const extraVariants: Variant[] = [];

/** The export of each BENCH_EXTRA_TREES checkout, both formats. */
function treeVariants(): Variant[] {
  const trees = (process.env.BENCH_EXTRA_TREES ?? '').split(',').filter(Boolean);
  return trees.flatMap((tree) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a checkout chosen at run time
    const other = require(join(resolve(tree), 'api', 'src', 'audit-log')) as {
      exportCopyStream: typeof exportCopyStream;
    };
    return (['jsonl', 'csv'] as const).map((format) => ({
      name: `export, ${format === 'csv' ? 'CSV' : 'JSON Lines'} (${basename(tree)})`,
      run: (client: Client) => drain(client, other.exportCopyStream(format, '')),
    }));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:audit-cpu failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
