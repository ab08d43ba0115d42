import { emptyChecks, type ResponseChecks } from './response-checks';

/** What a load run records: latencies (ms) of the responses that arrived in the window. */
export interface RawLoad {
  windowS: number;
  /** By HTTP status code (as a string key, so it survives IPC as JSON). */
  latenciesByStatus: Record<string, number[]>;
  /** Connection errors and timeouts: requests that got no HTTP status at all. */
  errors: number;
  timeouts: number;
  checks: ResponseChecks;
}

export interface LatencyStats {
  count: number;
  perSecond: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadSummary {
  windowS: number;
  all: LatencyStats;
  byStatus: Record<string, LatencyStats>;
  errors: number;
  timeouts: number;
  checks: ResponseChecks;
}

/**
 * Nearest-rank percentile of ascending values: the smallest sample with at least p% of the
 * samples at or below it (no interpolation, so it is always a latency that happened).
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function statsOf(latencies: readonly number[], windowS: number): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: windowS > 0 ? sorted.length / windowS : 0,
    meanMs: sorted.length ? sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length : Number.NaN,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** Per-status and overall figures; done where the samples are, so only this crosses IPC. */
export function summariseLoad(raw: RawLoad): LoadSummary {
  const byStatus: Record<string, LatencyStats> = {};
  for (const [status, latencies] of Object.entries(raw.latenciesByStatus)) {
    byStatus[status] = statsOf(latencies, raw.windowS);
  }
  return {
    windowS: raw.windowS,
    all: statsOf(Object.values(raw.latenciesByStatus).flat(), raw.windowS),
    byStatus,
    errors: raw.errors,
    timeouts: raw.timeouts,
    checks: raw.checks,
  };
}

/** Responses with `status` in the window (0 when none came back). */
export function countOf(summary: LoadSummary, status: number): number {
  return summary.byStatus[String(status)]?.count ?? 0;
}

/** Responses whose status is none of `statuses`, plus requests that got no response. */
export function countOther(summary: LoadSummary, statuses: readonly number[]): number {
  const listed = new Set(statuses.map(String));
  const others = Object.entries(summary.byStatus)
    .filter(([status]) => !listed.has(status))
    .reduce((sum, [, stats]) => sum + stats.count, 0);
  return others + summary.errors;
}

export function emptyRawLoad(windowS: number): RawLoad {
  return { windowS, latenciesByStatus: {}, errors: 0, timeouts: 0, checks: emptyChecks() };
}
