import type { PhaseResult } from './phase';
import {
  checksOf,
  interpret,
  littleGap,
  loginsTable,
  readRatios,
  readsTable,
  refusedShare,
  renderSection,
  SECTION_HEADING,
  unboundedFindings,
  type Phases,
  type ReportContext,
} from './report';
import { emptyChecks } from './response-checks';
import type { LatencyStats, LoadSummary } from './summary';

const stats = (count: number, p50Ms: number, p99Ms: number, windowS = 10): LatencyStats => ({
  count,
  perSecond: count / windowS,
  meanMs: p50Ms,
  p50Ms,
  p99Ms,
});

function load(byStatus: Record<string, LatencyStats>, errors = 0): LoadSummary {
  const all = Object.values(byStatus);
  const count = all.reduce((n, s) => n + s.count, 0);
  return {
    windowS: 10,
    all: stats(count, all[0]?.p50Ms ?? 0, Math.max(...all.map((s) => s.p99Ms))),
    byStatus,
    errors,
    timeouts: 0,
    checks: emptyChecks(),
  };
}

const bound = { concurrency: 2, queueMax: 16 };
const unbound = { concurrency: 1000, queueMax: 0 };

function phase(
  name: string,
  hashing: typeof bound,
  reads: LatencyStats,
  logins?: LoadSummary,
): PhaseResult {
  return {
    name,
    hashing,
    reads: load({ '200': reads }),
    logins,
    serverCpuCores: 1.5,
    serverPeakRssMiB: 300,
    window: { fromMs: 0, toMs: 10_000 },
    serverErrors: {},
  };
}

const alone = phase('reads alone', bound, stats(10_000, 5, 20));
const boundedLogins = (): LoadSummary => {
  const summary = load({ '200': stats(200, 900, 1_000), '503': stats(800, 4, 30) });
  summary.checks = { busy: 800, busyWithoutRetryAfter: 0, otherServerErrors: 0 };
  return summary;
};
const unboundedLogins = () => load({ '200': stats(300, 2_100, 2_400) });

/** Bound helps: reads do better with it than without. */
const helps: Phases = {
  alone,
  bounded: phase('reads + login flood', bound, stats(6_000, 8, 40), boundedLogins()),
  unbounded: phase('reads + login flood', unbound, stats(3_000, 20, 200), unboundedLogins()),
};

const ctx: ReportContext = {
  command: 'npm run bench:login-flood',
  startedAt: new Date('2026-11-30T00:00:00Z'),
  machine: '2 cores (Test CPU), 1.0 GiB RAM, linux 6',
  software: 'Node v20, PostgreSQL 15',
  loadAverage: { start: 1, end: 2 },
  tasks: 200,
  readConnections: 10,
  loginConnections: 64,
  warmupS: 3,
  durationS: 10,
  hashParams: 'argon2id with m=19 MiB, t=2, p=1',
  hashMemoryMiB: 19,
  threadpoolSize: 4,
  throttleLimit: '1000000000',
  boundIsDefault: true,
  cores: 2,
};

describe('ratios', () => {
  it('compares reads with reads alone: p99 as a factor, throughput as a share', () => {
    expect(readRatios(helps.bounded, alone)).toEqual({ p99: 2, throughput: 0.6 });
    expect(readRatios(alone, alone)).toEqual({ p99: 1, throughput: 1 });
  });

  it("counts unanswered attempts in the refused share's denominator", () => {
    expect(refusedShare(boundedLogins())).toBe(0.8);
    expect(refusedShare(load({ '200': stats(50, 1, 1), '503': stats(25, 1, 1) }, 25))).toBe(0.25);
    expect(refusedShare(unboundedLogins())).toBe(0);
  });
});

describe('tables', () => {
  it('has a reads row per phase with its ratios to reads alone', () => {
    const rows = readsTable(helps);
    expect(rows).toHaveLength(5);
    expect(rows[2]).toBe(
      '| 1. reads alone | 1,000 | 5.0 | 20 | 1.00× | 100 % | 0 | 1.50 | 300 MiB |',
    );
    expect(rows[3]).toContain(
      '| 2. reads + login flood (bounded, 2 + 16 queued) | 600 | 8.0 | 40 | 2.00× | 60 % |',
    );
    expect(rows[4]).toContain(
      '| 3. reads + login flood (unbounded) | 300 | 20 | 200 | 10.00× | 30 % |',
    );
  });

  it('has a logins row per flood phase, by status, with the Retry-After check', () => {
    const [, , boundedRow, unboundedRow] = loginsTable(helps);
    expect(boundedRow).toBe(
      '| 2. reads + login flood (bounded, 2 + 16 queued) | 100 | 200 | 800 (80 %) | 0 | 900 / 1,000 | 4.0 / 30 | 800 of 800 |',
    );
    expect(unboundedRow).toBe(
      '| 3. reads + login flood (unbounded) | 30 | 300 | 0 (0 %) | 0 | 2,100 / 2,400 | — | — |',
    );
  });
});

describe('checksOf', () => {
  it("passes when reads got 200 and logins 200 or the bound's 503 with Retry-After", () => {
    const { ok, line } = checksOf(helps);
    expect(ok).toBe(true);
    expect(line).toContain('every 503 (800)');
  });

  it('fails, naming the phase, on another 5xx or a 503 without Retry-After', () => {
    const logins = boundedLogins();
    logins.checks = {
      busy: 800,
      busyWithoutRetryAfter: 1,
      otherServerErrors: 2,
      firstProblem: '500: boom',
    };
    const failing = { ...helps, bounded: { ...helps.bounded, logins } };
    const { ok, line } = checksOf(failing);
    expect(ok).toBe(false);
    expect(line).toContain(
      "2. reads + login flood (bounded, 2 + 16 queued): logins: 2 5xx other than the hashing bound's 503",
    );
    expect(line).toContain('logins: 1 of 800 503s without Retry-After');
    expect(line).toContain('logins, first: 500: boom');
  });

  it("fails on a read that is not 200 (a 401 under load), naming the server log's causes", () => {
    const reads = load({ '200': stats(100, 5, 9), '401': stats(1, 3_000, 3_000) });
    const bounded = {
      ...helps.bounded,
      reads,
      serverErrors: { '500 timeout exceeded when trying to connect': 3 },
    };
    const { ok, line } = checksOf({ ...helps, bounded });
    expect(ok).toBe(false);
    expect(line).toContain('reads answered 401 × 1');
    expect(line).toContain(
      'the server log gives `500 timeout exceeded when trying to connect` × 3',
    );
  });

  it('does not fail on what goes wrong without the bound: that is a finding', () => {
    const logins = unboundedLogins();
    logins.byStatus['500'] = stats(13, 3_000, 3_100);
    logins.checks = { ...emptyChecks(), otherServerErrors: 13, firstProblem: '500: x' };
    const unbounded = {
      ...helps.unbounded,
      logins,
      serverErrors: { '500 timeout exceeded when trying to connect': 13 },
    };
    const phases = { ...helps, unbounded };
    expect(checksOf(phases).ok).toBe(true);
    expect(unboundedFindings(phases)).toBe(
      "Without the bound: logins: 13 5xx other than the hashing bound's 503; the server log gives `500 timeout exceeded when trying to connect` × 13.",
    );
    expect(interpret(phases, ctx)[0]).toContain('Without the bound: logins: 13 5xx');
    expect(unboundedFindings(helps)).toBe('');
  });
});

describe('interpret', () => {
  it('says the bound helped when reads did better with it', () => {
    const [buys, cost, why] = interpret(helps, ctx);
    expect(buys).toContain('With the bound the reads did better than without it');
    expect(buys).toContain('at most 38 MiB with the bound against 76 MiB without');
    expect(buys).toContain('With 2 hashes running at once on 2 cores, hashing can still occupy');
    expect(interpret(helps, { ...ctx, cores: 4 })[0]).not.toContain('hashes running at once');
    expect(cost).toContain('80 % of login attempts were refused with 503 (800 of 1,000');
    // Little's law: 18 admitted ÷ 20/s = 900 ms; 64 waiting ÷ 30/s ≈ 2,133 ms.
    expect(why).toContain('18 ÷ 20.0/s ≈ 900 ms');
    expect(why).toContain('64 ÷ 30.0/s ≈ 2,133 ms');
    expect(why).not.toContain('the measured mean is');
  });

  it('says so plainly when the bound did not help', () => {
    const hurts: Phases = { ...helps, bounded: helps.unbounded, unbounded: helps.bounded };
    expect(interpret(hurts, ctx)[0]).toContain('Here the bound did NOT protect the reads');
  });

  it('calls a difference within 10 % noise, and a split result mixed', () => {
    const same = {
      ...helps,
      unbounded: phase('x', unbound, stats(6_200, 8, 42), unboundedLogins()),
    };
    expect(interpret(same, ctx)[0]).toContain(
      'throughput about the same (600 vs 620 req/s), p99 about the same (40 vs 42 ms)',
    );
    const mixed = {
      ...helps,
      unbounded: phase('x', unbound, stats(9_000, 8, 400), unboundedLogins()),
    };
    expect(interpret(mixed, ctx)[0]).toContain('Mixed');
  });

  it('warns when Little’s law and the measured latency disagree (window too short)', () => {
    const short = {
      ...helps,
      unbounded: { ...helps.unbounded, logins: load({ '200': stats(300, 500, 900) }) },
    };
    expect(interpret(short, ctx)[2]).toContain(
      'Without it, the measured mean is below the estimate, because logins still waiting',
    );
  });

  it('explains a measured mean above the estimate by the wait before the hashing queue', () => {
    expect(littleGap('bounded', 2_000, 1_000)).toContain(
      'waits before it reaches the hashing queue',
    );
    expect(littleGap('bounded', 1_100, 1_000)).toBe('');
  });
});

describe('renderSection', () => {
  it('starts with its heading and names the command, the machine and the raised limits', () => {
    const text = renderSection(ctx, helps);
    expect(text.startsWith(`${SECTION_HEADING}\n`)).toBe(true);
    expect(text).toContain('`npm run bench:login-flood`');
    expect(text).toContain('2 cores (Test CPU)');
    expect(text).toContain('load average 1.0 at start, 2.0 at end');
    expect(text).toContain('`THROTTLE_AUTH_LIMIT_PER_IP`, `THROTTLE_AUTH_LIMIT_PER_EMAIL`');
    expect(text).toContain('1,000,000,000');
    expect(text).toContain('### Task reads');
    expect(text).toContain('### Logins');
    expect(text).toContain("with the app's default bound");
    expect(text).not.toContain('never used more than');
  });

  it('warns when the server never got half the machine', () => {
    const starvedPhases = { ...helps, alone: { ...helps.alone, serverCpuCores: 0.3 } };
    const all = { ...starvedPhases, bounded: { ...helps.bounded, serverCpuCores: 0.4 } };
    const text = renderSection(ctx, {
      ...all,
      unbounded: { ...helps.unbounded, serverCpuCores: 0.2 },
    });
    expect(text).toContain('never used more than 0.40 of the 2 cores (0.30 / 0.40 / 0.20');
  });
});
