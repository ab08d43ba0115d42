import { writeBenchmarkSection } from '../shared/benchmarks-doc';

export const SECTION_HEADING = '## Tasks';

export interface Measurement {
  scenario: string;
  /** `reference`: a second API build measured beside `api` (BENCH_COMPARE_DIST). */
  server: 'api' | 'baseline' | 'reference';
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface Scenario {
  name: string;
  description: string;
}

export interface ReportContext {
  command: string;
  startedAt: Date;
  machine: string;
  software: string;
  connections: number;
  durationS: number;
  warmupS: number;
  data: string;
  plans: string[];
}

const fmt = (value: number, digits = 0) => value.toFixed(digits);

/** The `## Tasks` section of docs/benchmarks.md. */
export function renderSection(
  ctx: ReportContext,
  scenarios: Scenario[],
  results: Measurement[],
): string {
  const find = (scenario: string, server: Measurement['server']) =>
    results.find((m) => m.scenario === scenario && m.server === server);
  const rows = scenarios.map(({ name, description }) => {
    const api = find(name, 'api');
    const base = find(name, 'baseline');
    const ratio =
      api && base && base.reqPerSec > 0 ? `${fmt((100 * api.reqPerSec) / base.reqPerSec)}%` : 'n/a';
    const cell = (m: Measurement | undefined) =>
      m
        ? `${fmt(m.reqPerSec)} req/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms${m.errors || m.non2xx ? ` (${m.errors} errors, ${m.non2xx} non-2xx)` : ''}`
        : 'n/a';
    return `| ${name} | ${description} | ${cell(api)} | ${cell(base)} | ${ratio} |`;
  });
  const page1 = find('admin page 1', 'api');
  const deep = find('admin page 4,000', 'api');
  const list = find('employee list', 'api');
  const listBase = find('employee list', 'baseline');
  const verdicts: string[] = [];
  if (list && listBase) {
    const share = list.reqPerSec / listBase.reqPerSec;
    verdicts.push(
      `- Authenticated list at ${fmt(100 * share)}% of the baseline's throughput (aim ≥ 60%): ${share >= 0.6 ? 'met' : 'NOT met'}.`,
    );
  }
  const worstP99 = Math.max(...results.filter((m) => m.server === 'api').map((m) => m.p99Ms));
  verdicts.push(
    `- Worst API p99 across scenarios: ${worstP99} ms (aim < 100 ms): ${worstP99 < 100 ? 'met' : 'NOT met'}.`,
  );
  if (page1 && deep) {
    const cost = page1.reqPerSec / deep.reqPerSec;
    verdicts.push(
      `- Page 4,000 costs ${fmt(cost, 2)}× page 1 by throughput (p99 ${deep.p99Ms} vs ${page1.p99Ms} ms; aim ≤ 1.5×): ${cost <= 1.5 ? 'met' : 'NOT met'}.`,
    );
  }
  return [
    SECTION_HEADING,
    '',
    `Command: \`${ctx.command}\` (run ${ctx.startedAt.toISOString()}). ${ctx.data}`,
    '',
    `Each scenario: ${ctx.warmupS} s warm-up, then ${ctx.durationS} s with autocannon at ${ctx.connections} connections on loopback, against the real API (role \`api\`, Fastify, JWT auth + session check, validation, throttling with a limit raised out of the way, audit outbox writes, LOG_LEVEL=warn) and against a minimal \`node:http\` + \`pg\` baseline running the same SQL on the same data (no auth, no validation), both with a pool of 10 connections. Both servers stay up throughout; each scenario measures them back to back, alternating which goes first. Postgres, both servers and autocannon share the machine's cores.`,
    '',
    `Machine: ${ctx.machine}. ${ctx.software}.`,
    '',
    '| Scenario | Request | API | Baseline | API / baseline |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...verdicts,
    '',
    'On a shared 2-core machine the absolute figures move a lot between runs (other processes, Postgres and autocannon compete for the same cores); compare the ratios within one run, and the query plans below, which show where the database time goes.',
    '',
    'Query plans on this data (EXPLAIN ANALYZE, one execution each):',
    '',
    ...ctx.plans.map((line) => `- ${line}`),
    '',
  ].join('\n');
}

/** Writes this benchmark's section of docs/benchmarks.md, leaving the others alone. */
export function writeSection(filePath: string, section: string): void {
  writeBenchmarkSection(SECTION_HEADING, section, { filePath });
}
