import type { PhaseResult } from './phase';
import { problemsIn } from './response-checks';
import { countOf, countOther, type LoadSummary } from './summary';

export const SECTION_HEADING = '## Login flood';

export interface ReportContext {
  command: string;
  startedAt: Date;
  /** Cores, CPU model, RAM, OS. */
  machine: string;
  /** Node and PostgreSQL versions. */
  software: string;
  /** 1-minute load average when the run started and when it ended. */
  loadAverage: { start: number; end: number };
  tasks: number;
  readConnections: number;
  loginConnections: number;
  warmupS: number;
  durationS: number;
  /** e.g. "argon2id, m=19 MiB, t=2, p=1". */
  hashParams: string;
  /** argon2's memory cost: what one running hash holds. */
  hashMemoryMiB: number;
  /** libuv's thread pool, where argon2 runs: the real ceiling on concurrent hashes. */
  threadpoolSize: number;
  throttleLimit: string;
  /** Whether phase 2 ran with the bound the app ships with (or one set by BENCH_HASH_*). */
  boundIsDefault: boolean;
  cores: number;
}

export interface Phases {
  alone: PhaseResult;
  bounded: PhaseResult;
  unbounded: PhaseResult;
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
/** Milliseconds: one decimal below 10 ms (autocannon's timings are sub-millisecond). */
const ms = (value: number) =>
  Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(1) : int(value);
/** A rate: one decimal below 10/s, where rounding would hide the differences. */
const rate = (value: number) => (value < 10 ? value.toFixed(1) : int(value));
const pct = (value: number) => `${Math.round(100 * value)} %`;
const times = (value: number) => `${value.toFixed(2)}×`;

export function hashingLabel({ hashing }: PhaseResult): string {
  return hashing.queueMax === 0 && hashing.concurrency >= 1000
    ? 'unbounded'
    : `bounded, ${hashing.concurrency} + ${hashing.queueMax} queued`;
}

/** Reads in `phase` against reads alone: p99 (× alone) and throughput (share of alone). */
export function readRatios(phase: PhaseResult, alone: PhaseResult) {
  return {
    p99: phase.reads.all.p99Ms / alone.reads.all.p99Ms,
    throughput: phase.reads.all.perSecond / alone.reads.all.perSecond,
  };
}

/** Share of login attempts refused with the bound's 503 (requests with no answer count too). */
export function refusedShare(logins: LoadSummary): number {
  const attempts = logins.all.count + logins.errors;
  return attempts > 0 ? countOf(logins, 503) / attempts : 0;
}

function phaseTitle(index: number, phase: PhaseResult): string {
  return index === 0 ? `1. ${phase.name}` : `${index + 1}. ${phase.name} (${hashingLabel(phase)})`;
}

export function readsTable(phases: Phases): string[] {
  const { alone } = phases;
  return [
    '| Phase | Reads req/s | p50 ms | p99 ms | p99 vs alone | req/s vs alone | Reads not 200 | Server CPU (cores) | Server peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[phases.alone, phases.bounded, phases.unbounded].map((phase, index) => {
      const ratio = readRatios(phase, alone);
      const { all } = phase.reads;
      return `| ${phaseTitle(index, phase)} | ${rate(all.perSecond)} | ${ms(all.p50Ms)} | ${ms(all.p99Ms)} | ${times(ratio.p99)} | ${pct(ratio.throughput)} | ${int(countOther(phase.reads, [200]))} | ${phase.serverCpuCores.toFixed(2)} | ${int(phase.serverPeakRssMiB)} MiB |`;
    }),
  ];
}

export function loginsTable(phases: Phases): string[] {
  return [
    '| Phase | Answered/s | 200 | 503 (share) | Other | 200: p50 / p99 ms | 503: p50 / p99 ms | 503s with Retry-After |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[phases.bounded, phases.unbounded].map((phase, index) => {
      const logins = phase.logins;
      if (!logins) return `| ${phaseTitle(index + 1, phase)} | — | — | — | — | — | — | — |`;
      const ok = logins.byStatus['200'];
      const busy = logins.byStatus['503'];
      const { checks } = logins;
      return `| ${phaseTitle(index + 1, phase)} | ${rate(logins.all.perSecond)} | ${int(countOf(logins, 200))} | ${int(countOf(logins, 503))} (${pct(refusedShare(logins))}) | ${int(countOther(logins, [200, 503]))} | ${ok ? `${ms(ok.p50Ms)} / ${ms(ok.p99Ms)}` : '—'} | ${busy ? `${ms(busy.p50Ms)} / ${ms(busy.p99Ms)}` : '—'} | ${checks.busy ? `${int(checks.busy - checks.busyWithoutRetryAfter)} of ${int(checks.busy)}` : '—'} |`;
    }),
  ];
}

/** `401 × 2, 429 × 1`: statuses below 500 other than `expected` (5xx are checked apart). */
function unexpectedBelow500(summary: LoadSummary, expected: readonly number[]): string {
  return Object.entries(summary.byStatus)
    .filter(([status]) => Number(status) < 500 && !expected.includes(Number(status)))
    .map(([status, stats]) => `${status} × ${int(stats.count)}`)
    .join(', ');
}

/**
 * What went wrong in one phase, in words: 5xx other than the bound's 503, 503s without
 * Retry-After, unexpected 4xx, requests with no answer, and the 5xx causes its server logged.
 */
export function phaseProblems(phase: PhaseResult): string[] {
  const problems: string[] = [];
  const traffic = [
    { what: 'reads', summary: phase.reads, expected: [200] },
    { what: 'logins', summary: phase.logins, expected: [200, 503] },
  ];
  const causes = Object.entries(phase.serverErrors).map(([cause, n]) => `\`${cause}\` × ${n}`);
  for (const { what, summary, expected } of traffic) {
    if (!summary) continue;
    const { checks } = summary;
    problems.push(...problemsIn(checks).map((problem) => `${what}: ${problem}`));
    // The first body only when the log names no cause (it says "unexpected error" at best).
    if (checks.firstProblem && causes.length === 0) {
      problems.push(`${what}, first: ${checks.firstProblem}`);
    }
    const below500 = unexpectedBelow500(summary, expected);
    if (below500) problems.push(`${what} answered ${below500}`);
    if (summary.errors) {
      problems.push(`${what}: ${summary.errors} got no answer (${summary.timeouts} timed out)`);
    }
  }
  if (causes.length > 0) problems.push(`the server log gives ${causes.join(', ')}`);
  return problems;
}

/**
 * The checks the app as configured must pass (phases 1 and 2); `ok` false fails the run.
 * Phase 3 is the app without its bound: what goes wrong there is a finding (unboundedFindings).
 */
export function checksOf(phases: Phases): { ok: boolean; line: string } {
  const problems = [phases.alone, phases.bounded].flatMap((phase, index) =>
    phaseProblems(phase).map((problem) => `${phaseTitle(index, phase)}: ${problem}`),
  );
  if (problems.length > 0) return { ok: false, line: `Checks FAILED: ${problems.join('; ')}.` };
  const busy = phases.bounded.logins?.checks.busy ?? 0;
  return {
    ok: true,
    line: `Checks (phases 1 and 2): every read answered 200 and every login 200 or 503; every 503 (${int(busy)}) was the bound's \`service-unavailable\` problem with a numeric \`Retry-After\`; no other 5xx, no request left unanswered.`,
  };
}

/** What went wrong without the bound (empty when nothing did). */
export function unboundedFindings(phases: Phases): string {
  const problems = phaseProblems(phases.unbounded);
  return problems.length > 0 ? `Without the bound: ${problems.join('; ')}.` : '';
}

const similarWithin = (share: number, a: number, b: number) =>
  Math.abs(a - b) <= share * Math.max(a, b);
/** Within ±10 %: inside what this shared machine moves between runs. */
const similar = (a: number, b: number) => similarWithin(0.1, a, b);

function readsVerdict(bounded: PhaseResult, unbounded: PhaseResult): string {
  const b = bounded.reads.all;
  const u = unbounded.reads.all;
  const p99 = similar(b.p99Ms, u.p99Ms) ? 0 : b.p99Ms < u.p99Ms ? 1 : -1;
  const rps = similar(b.perSecond, u.perSecond) ? 0 : b.perSecond > u.perSecond ? 1 : -1;
  const word = (better: number, up: string, down: string) =>
    better === 0 ? 'about the same' : better > 0 ? up : down;
  const figures = `throughput ${word(rps, 'higher', 'lower')} (${rate(b.perSecond)} vs ${rate(u.perSecond)} req/s), p99 ${word(p99, 'lower', 'higher')} (${ms(b.p99Ms)} vs ${ms(u.p99Ms)} ms)`;
  if (p99 >= 0 && rps >= 0 && p99 + rps > 0)
    return `With the bound the reads did better than without it: ${figures}.`;
  if (p99 <= 0 && rps <= 0 && p99 + rps < 0)
    return `Here the bound did NOT protect the reads: with it, ${figures}.`;
  if (p99 === 0 && rps === 0)
    return `The reads did about the same with and without the bound (${figures}; within 10 %, inside this machine's noise).`;
  return `Mixed: with the bound, ${figures}.`;
}

/** Why a measured mean is more than 30 % off its Little's-law estimate, if it is. */
export function littleGap(label: string, measuredMs: number, expectedMs: number): string {
  if (similarWithin(0.3, measuredMs, expectedMs)) return '';
  return measuredMs > expectedMs
    ? ` ${label}, the measured mean is above the estimate, because a login also waits before it reaches the hashing queue (for the event loop, the rate limiters' Redis round trips and the user lookup), which the estimate leaves out.`
    : ` ${label}, the measured mean is below the estimate, because logins still waiting when the window closed are not counted, which biases the measured latencies low when they approach the window's length; a longer BENCH_DURATION_S narrows the gap.`;
}

/** A short reading of the figures, generated from them (the doc is rewritten by every run). */
export function interpret(phases: Phases, ctx: ReportContext): string[] {
  const { alone, bounded, unbounded } = phases;
  const b = readRatios(bounded, alone);
  const u = readRatios(unbounded, alone);
  const running = (phase: PhaseResult) => Math.min(phase.hashing.concurrency, ctx.threadpoolSize);
  const hashMemory = (phase: PhaseResult) => Math.round(running(phase) * ctx.hashMemoryMiB);
  const findings = unboundedFindings(phases);
  const coresNote =
    running(bounded) >= ctx.cores
      ? ` With ${running(bounded)} hashes running at once on ${ctx.cores} cores, hashing can still occupy every core: the bound caps hashing's share of the CPU, it does not keep a core free for the event loop that serves the reads.`
      : '';
  const lines = [
    `**What the bound buys.** Under the flood, with the bound the reads kept ${pct(b.throughput)} of their throughput alone and their p99 rose to ${times(b.p99)} alone; without it, ${pct(u.throughput)} and ${times(u.p99)}. ${readsVerdict(bounded, unbounded)}${coresNote} Memory is not what it buys here: the server's peak RSS was ${int(bounded.serverPeakRssMiB)} MiB with the bound (phases 1–2) and ${int(unbounded.serverPeakRssMiB)} MiB without, and argon2 holds ${+ctx.hashMemoryMiB.toFixed(1)} MiB per running hash, so at most ${hashMemory(bounded)} MiB with the bound against ${hashMemory(unbounded)} MiB without (libuv's thread pool caps both).${findings ? ` ${findings}` : ''}`,
  ];
  const bl = bounded.logins;
  const ul = unbounded.logins;
  if (bl && ul) {
    const okB = bl.byStatus['200'];
    const okU = ul.byStatus['200'];
    const busy = bl.byStatus['503'];
    const admitted = bounded.hashing.concurrency + bounded.hashing.queueMax;
    lines.push(
      `**Its cost.** ${pct(refusedShare(bl))} of login attempts were refused with 503 (${int(countOf(bl, 503))} of ${int(bl.all.count + bl.errors)}${busy ? `, each answered in p50 ${ms(busy.p50Ms)} ms` : ''}); the admitted ones completed at ${okB ? `${okB.perSecond.toFixed(1)}/s, p50 ${ms(okB.p50Ms)} ms, p99 ${ms(okB.p99Ms)} ms` : 'no rate (none succeeded)'}. Without the bound nothing was refused and logins completed at ${okU ? `${okU.perSecond.toFixed(1)}/s, p50 ${ms(okU.p50Ms)} ms, p99 ${ms(okU.p99Ms)} ms` : 'no rate (none succeeded)'}. The flood retries at once and ignores \`Retry-After\`, so it keeps ${ctx.loginConnections} requests in flight: a refused attempt is immediately followed by another, and each one still costs the server the rate limiters' Redis round trips, validation and the user lookup before the bound refuses it.`,
    );
    if (okB && okU) {
      const expectedB = (1000 * admitted) / okB.perSecond;
      const expectedU = (1000 * ctx.loginConnections) / okU.perSecond;
      lines.push(
        `**Why login latency is what it is.** The flood is a closed loop, so by Little's law the mean time a successful login spends in the server ≈ logins in it ÷ completion rate. With the bound at most ${bounded.hashing.concurrency} + ${bounded.hashing.queueMax} = ${admitted} are admitted: ${admitted} ÷ ${okB.perSecond.toFixed(1)}/s ≈ ${int(expectedB)} ms (measured mean ${int(okB.meanMs)} ms); the flood keeps that queue full, so nearly every admitted login waits behind the ${admitted - 1} others, and the gap between p50 and p99 is the jitter of hashing and of a busy machine. Without it all ${ctx.loginConnections} connections wait: ${ctx.loginConnections} ÷ ${okU.perSecond.toFixed(1)}/s ≈ ${int(expectedU)} ms (measured mean ${int(okU.meanMs)} ms). argon2 hashes on libuv's thread pool (${ctx.threadpoolSize} threads here), so even "unbounded" hashes at most ${ctx.threadpoolSize} at once; what the bound changes is ${running(bounded)} at once instead of ${running(unbounded)}, and a short queue with refusals instead of one as long as the flood.` +
          littleGap('With the bound', okB.meanMs, expectedB) +
          littleGap('Without it', okU.meanMs, expectedU),
      );
    }
  }
  return lines;
}

/** A warning when the server never got even half the machine: the machine set the pace. */
function starved(phases: Phases, ctx: ReportContext): string {
  const used = [phases.alone, phases.bounded, phases.unbounded].map((p) => p.serverCpuCores);
  const most = Math.max(...used);
  if (most >= ctx.cores / 2) return '';
  return ` In this run the server process never used more than ${most.toFixed(2)} of the ${ctx.cores} cores (${used.map((c) => c.toFixed(2)).join(' / ')} in the three windows): other work took the rest, so every absolute figure here is set by the machine's load as much as by the app.`;
}

/** The `## Login flood` section of docs/benchmarks.md (Prettier formats it afterwards). */
export function renderSection(ctx: ReportContext, phases: Phases): string {
  const { bounded } = phases;
  return [
    SECTION_HEADING,
    '',
    `\`${ctx.command}\` (\`ops/bench/login-flood.ts\`), run ${ctx.startedAt.toISOString()}.`,
    '',
    `- Machine: ${ctx.machine}; ${ctx.software}. 1-minute load average ${ctx.loadAverage.start.toFixed(1)} at start, ${ctx.loadAverage.end.toFixed(1)} at end (near or above the core count means other work shared the CPUs with this run).`,
    `- Each server is the real app (role \`all\`, Fastify, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`) in its own process, on a fresh database, with one employee owning ${int(ctx.tasks)} tasks. Passwords are ${ctx.hashParams}. \`THROTTLE_AUTH_LIMIT_PER_IP\`, \`THROTTLE_AUTH_LIMIT_PER_EMAIL\` and \`THROTTLE_LIMIT\` are raised to ${int(Number(ctx.throttleLimit))} so that only the hashing bound can refuse a sign-in (the limiters still run).`,
    `- Load: autocannon, closed loop, on loopback. Reads: \`GET /api/v1/tasks?limit=25\` as the employee, ${ctx.readConnections} connections, from the driver process. Flood: \`POST /api/v1/auth/login\` with the correct password, ${ctx.loginConnections} connections, from a process of its own; it ignores \`Retry-After\`. Each phase: ${ctx.warmupS} s warm-up, then ${ctx.durationS} s measured; every response's latency is kept by status.`,
    `- Phases 1 and 2 share one server, with ${ctx.boundIsDefault ? "the app's default bound" : 'the bound set by the command'} (\`PASSWORD_HASH_CONCURRENCY=${bounded.hashing.concurrency}\`, \`PASSWORD_HASH_QUEUE_MAX=${bounded.hashing.queueMax}\`); phase 3 runs on a second server, started after the first stops, with \`PASSWORD_HASH_CONCURRENCY=${phases.unbounded.hashing.concurrency}\` and \`PASSWORD_HASH_QUEUE_MAX=${phases.unbounded.hashing.queueMax}\` (no bound of the app's own: what it did before). Server CPU is the server process's CPU time over the window (hashing threads included); peak RSS is since the server started.`,
    '',
    '### Task reads',
    '',
    ...readsTable(phases),
    '',
    '### Logins',
    '',
    ...loginsTable(phases),
    '',
    checksOf(phases).line,
    '',
    ...interpret(phases, ctx).flatMap((line) => [line, '']),
    `The load generators, the servers, Postgres, Redis and other work on this shared machine compete for the same cores, so absolute figures move between runs; compare the phases of one run with each other.${starved(phases, ctx)} Latencies of requests still in flight when a window closes are not counted.`,
    '',
  ].join('\n');
}
