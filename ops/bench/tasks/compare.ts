import type { Measurement, Scenario } from './report';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const pct = (value: number) => `${Math.round(100 * value)}%`;

/**
 * An experiment's table (printed, never written to the docs): per scenario, each server's median
 * req/s and worst p99 over the rounds, and the median of the per-round ratios to the baseline
 * measured in the same round. Ratios, not absolute figures, survive a shared, busy machine.
 */
export function renderComparison(
  scenarios: Scenario[],
  results: Measurement[],
  labels: { api: string; reference?: string },
): string {
  const servers: Array<Measurement['server']> = labels.reference ? ['api', 'reference'] : ['api'];
  const rows = scenarios.map(({ name }) => {
    const of = (server: Measurement['server']) =>
      results.filter((m) => m.scenario === name && m.server === server);
    const base = of('baseline');
    const cells = servers.map((server) => {
      const runs = of(server);
      const ratios = runs.map((m, i) => m.reqPerSec / (base[i]?.reqPerSec ?? NaN));
      const worstP99 = Math.max(...runs.map((m) => m.p99Ms));
      const failures = runs.reduce((sum, m) => sum + m.errors + m.non2xx, 0);
      return `${Math.round(median(runs.map((m) => m.reqPerSec)))} req/s, p99 ≤ ${worstP99} ms${failures ? ` (${failures} failed)` : ''} | ${pct(median(ratios))} (${ratios.map(pct).join(', ')})`;
    });
    const baseCell = `${Math.round(median(base.map((m) => m.reqPerSec)))} req/s`;
    return `| ${name} | ${baseCell} | ${cells.join(' | ')} |`;
  });
  const head = servers
    .map((server) => `${server === 'api' ? labels.api : labels.reference} | ${server} / baseline`)
    .join(' | ');
  return [
    `| Scenario | Baseline | ${head} |`,
    `| --- | --- | ${servers.map(() => '--- | ---').join(' | ')} |`,
    ...rows,
  ].join('\n');
}
