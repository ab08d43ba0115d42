import type { FloodHandle } from './flood-handle';
import { runLoad } from './load';
import type { LoadSpec } from './protocol';
import type { Hashing } from './server-config';
import type { ServerHandle } from './server-handle';
import { summariseLoad, type LoadSummary, type RawLoad } from './summary';

export interface PhaseResult {
  name: string;
  hashing: Hashing;
  reads: LoadSummary;
  /** Absent in the reads-alone baseline. */
  logins?: LoadSummary;
  /** Server CPU time over the window ÷ the window: how many cores the server kept busy. */
  serverCpuCores: number;
  /** The server process's peak resident memory since it started. */
  serverPeakRssMiB: number;
  /** The measured window, wall clock (ms since the epoch), to find its lines in the server log. */
  window: { fromMs: number; toMs: number };
  /** Causes of 5xx answers (other than the bound's 503) found in the server log for the window. */
  serverErrors: Record<string, number>;
}

export interface PhasePlan {
  name: string;
  hashing: Hashing;
  server: ServerHandle;
  /** The login flood's generator; none for the baseline. */
  flood?: FloodHandle;
  readConnections: number;
  loginConnections: number;
  warmupS: number;
  durationS: number;
  log: (message: string) => void;
}

function readsProgress(log: PhasePlan['log'], warmupS: number) {
  return (elapsedS: number, raw: RawLoad) => {
    if (Math.round(elapsedS) % 5 !== 0) return;
    const answered = Object.values(raw.latenciesByStatus).reduce((n, l) => n + l.length, 0);
    const phase = elapsedS < warmupS ? 'warm-up' : `window: ${answered} answered`;
    log(`  reads ${elapsedS.toFixed(0)} s (${phase})`);
  };
}

/**
 * One phase: task reads (measured here) and, unless this is the baseline, the login flood
 * (measured in its own process), started together and both measured over the same window
 * after the same warm-up.
 */
export async function runPhase(plan: PhasePlan): Promise<PhaseResult> {
  const { ready } = plan.server;
  const reads: LoadSpec = {
    port: ready.port,
    method: 'GET',
    path: '/api/v1/tasks?limit=25',
    headers: { authorization: `Bearer ${ready.accessToken}` },
    connections: plan.readConnections,
    warmupS: plan.warmupS,
    durationS: plan.durationS,
  };
  const logins: LoadSpec = {
    port: ready.port,
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ready.email, password: ready.password }),
    connections: plan.loginConnections,
    warmupS: plan.warmupS,
    durationS: plan.durationS,
  };
  plan.log(`${plan.name}: ${plan.warmupS} s warm-up + ${plan.durationS} s measured`);
  const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));
  const fromMs = Date.now() + plan.warmupS * 1000;
  // Server usage read at both ends of the window; the end as soon as the reads stop.
  const [start, [readsRaw, end, toMs], loginSummary] = await Promise.all([
    delay(plan.warmupS * 1000).then(() => plan.server.usage()),
    runLoad(reads, readsProgress(plan.log, plan.warmupS)).then(
      async (raw) => [raw, await plan.server.usage(), Date.now()] as const,
    ),
    plan.flood?.run(logins),
  ]);
  const summary = summariseLoad(readsRaw);
  return {
    name: plan.name,
    hashing: plan.hashing,
    reads: summary,
    logins: loginSummary,
    serverCpuCores: (end.cpuMicros - start.cpuMicros) / 1e6 / summary.windowS,
    serverPeakRssMiB: end.maxRssKiB / 1024,
    window: { fromMs, toMs },
    // Filled in from the server's log once the server has stopped (and flushed it).
    serverErrors: {},
  };
}
