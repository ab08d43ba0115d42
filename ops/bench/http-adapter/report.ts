/** Renders the benchmark results as markdown and splices them into docs/benchmarks.md. */
import { format, resolveConfig } from 'prettier';
import { writeBenchmarkSection } from '../shared/benchmarks-doc';
import {
  DB_ROWS,
  DB_SQL,
  PG_POOL_MAX,
  ROUTES,
  SERVER_KINDS,
  type Route,
  type ServerKind,
} from './protocol';

export const SECTION_HEADING = '## HTTP adapter: Express vs Fastify';

export interface Measurement {
  run: number;
  kind: ServerKind;
  route: Route;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Server process CPU (user + system) per completed request, in microseconds. */
  cpuUsPerReq: number;
}

export interface RunContext {
  command: string;
  startedAt: Date;
  machine: string;
  /** 1-minute load average at start and end: how busy the shared machine was. */
  load: [number, number];
  node: string;
  postgres: string;
  versions: string;
  connections: number;
  durationS: number;
  warmupS: number;
  runs: number;
}

const LABEL: Record<ServerKind, string> = {
  raw: 'raw node:http + pg',
  express: 'Nest 11 + Express',
  fastify: 'Nest 11 + Fastify',
};

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const pct = (ratio: number) => `${Math.round(ratio * 100)} %`;

/** The first `labels` columns are left-aligned text, the rest right-aligned figures. */
function table(header: string[], rows: string[][], labels: number): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i < labels ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

function summaryTable(results: Measurement[]): string {
  const rows: string[][] = [];
  for (const route of ROUTES) {
    const of = (kind: ServerKind) => results.filter((r) => r.route === route && r.kind === kind);
    const raw = of('raw');
    const rawRps = mean(raw.map((r) => r.reqPerSec));
    const rawP99 = mean(raw.map((r) => r.p99Ms));
    for (const kind of SERVER_KINDS) {
      const runs = of(kind);
      if (runs.length === 0) continue;
      const rps = runs.map((r) => r.reqPerSec);
      const p99 = mean(runs.map((r) => r.p99Ms));
      rows.push([
        `\`GET ${route}\``,
        LABEL[kind],
        int(mean(rps)),
        runs.length > 1 ? `${int(Math.min(...rps))}–${int(Math.max(...rps))}` : '–',
        ms(mean(runs.map((r) => r.p50Ms))),
        ms(p99),
        pct(mean(rps) / rawRps),
        rawP99 > 0 ? `${(p99 / rawP99).toFixed(2)}×` : '–',
        int(mean(runs.map((r) => r.cpuUsPerReq))),
      ]);
    }
  }
  return table(
    [
      'Route',
      'Server',
      'req/s (mean)',
      'req/s range',
      'p50 ms',
      'p99 ms',
      'req/s vs raw',
      'p99 vs raw',
      'server CPU µs/req',
    ],
    rows,
    2,
  );
}

function runsTable(results: Measurement[]): string {
  const rows = results.map((r) => {
    const raw = results.find((b) => b.run === r.run && b.route === r.route && b.kind === 'raw');
    return [
      String(r.run),
      `\`GET ${r.route}\``,
      LABEL[r.kind],
      int(r.reqPerSec),
      ms(r.p50Ms),
      ms(r.p99Ms),
      raw ? pct(r.reqPerSec / raw.reqPerSec) : '–',
      int(r.cpuUsPerReq),
      `${r.errors} / ${r.non2xx}`,
    ];
  });
  return table(
    [
      'Run',
      'Route',
      'Server',
      'req/s',
      'p50 ms',
      'p99 ms',
      'req/s vs raw (same run)',
      'server CPU µs/req',
      'errors / non-2xx',
    ],
    rows,
    3,
  );
}

export function renderSection(ctx: RunContext, results: Measurement[]): string {
  const when = ctx.startedAt.toISOString().replace('T', ' ').slice(0, 16);
  return [
    SECTION_HEADING,
    '',
    `Produced by \`${ctx.command}\` (\`ops/bench/http-adapter.ts\`) on ${when} UTC.`,
    '',
    `- Machine: ${ctx.machine}; ${ctx.node}; ${ctx.postgres} on the same host. 1-minute load average ${ctx.load[0].toFixed(1)} at start, ${ctx.load[1].toFixed(1)} at end.`,
    `- Versions: ${ctx.versions}.`,
    `- Each server runs in its own child process on 127.0.0.1 with adapter defaults, Nest logger off and a \`pg\` Pool of ${PG_POOL_MAX}; autocannon runs in the parent process.`,
    `- Load: ${ctx.connections} connections, no pipelining, ${ctx.warmupS} s warm-up then ${ctx.durationS} s measured per case; ${ctx.runs} run(s). All three servers stay up and the cases of one route run back to back, interleaved, in reverse server order on even runs so drift does not favour one server.`,
    `- \`GET /json\` returns a small constant object; \`GET /db\` runs \`${DB_SQL}\` and returns the ${DB_ROWS} rows as JSON.`,
    '- "vs raw" compares with the raw `node:http` + `pg` baseline on the same route; "server CPU µs/req" is the server process CPU time (user + system) divided by completed requests, which is less sensitive to machine noise than req/s.',
    '',
    `### Summary (mean of ${ctx.runs} run(s))`,
    '',
    summaryTable(results),
    '',
    '### Every run',
    '',
    runsTable(results),
    '',
    '**Caveats.** The load generator, the server, Postgres and other work on this shared machine compete for the same cores, so absolute figures are lower than on a dedicated host; compare the rows with each other, and read the run-to-run spread as the noise level. autocannon records latency with 1 ms resolution.',
    '',
  ].join('\n');
}

/** Formats with the repository's Prettier config so `prettier --check` stays green. */
export async function formatMarkdown(markdown: string, filePath: string): Promise<string> {
  const config = (await resolveConfig(filePath)) ?? {};
  return format(markdown, { ...config, parser: 'markdown' });
}

const INTRO = [
  '# Benchmarks',
  '',
  'Measured performance figures for TaskTrackr. Each section names the script that produced it; re-run that script rather than editing the figures by hand.',
  '',
].join('\n');

/** Writes this benchmark's section of docs/benchmarks.md, leaving the others alone. */
export function writeSection(filePath: string, section: string): void {
  writeBenchmarkSection(SECTION_HEADING, section, { filePath, intro: INTRO });
}
