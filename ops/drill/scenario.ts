import { setTimeout as sleep } from 'node:timers/promises';
import type { AppProcess } from './app-process';
import type { PhaseStats } from './phase-stats';
import type { PostgresServer } from './postgres-server';
import type { FaultWindow } from './records';
import type { RedisServer } from './redis-server';

export const REDIS_OUTAGE_MS = 10_000;
const READY_TIMEOUT_MS = 90_000;
/** Load keeps running at least this long after the last fault, so recovery is measured too. */
const MIN_COOL_DOWN_MS = 8_000;

export interface ScenarioParts {
  apis: readonly AppProcess[];
  worker: AppProcess;
  redis: RedisServer;
  postgres: PostgresServer;
  stats: PhaseStats;
  log: (line: string) => void;
  /** Aborted on Ctrl-C: no further fault starts (the teardown is stopping everything). */
  signal: AbortSignal;
}

/** The phases, in order; each fault starts its phase, the pause after it belongs to it too. */
export const PHASES = [
  'warm-up',
  'api-rolling-restart',
  'worker-kill',
  'redis-outage',
  'postgres-restart',
] as const;

/**
 * Runs the faults one after the other while the load runs: `durationMs` is split into five
 * equal slots, a fault at the start of each but the first. A fault that takes longer than its
 * slot pushes the next ones back. Resolves with when each fault was in effect.
 */
export async function runScenario(
  parts: ScenarioParts,
  durationMs: number,
): Promise<FaultWindow[]> {
  const { stats, log, signal } = parts;
  const slot = durationMs / PHASES.length;
  const t0 = Date.now();
  const windows: FaultWindow[] = [];
  const pause = (ms: number) => sleep(Math.max(0, ms), undefined, { signal });
  const phase = async (index: number, name: (typeof PHASES)[number]) => {
    await pause(t0 + slot * index - Date.now());
    stats.begin(name);
  };
  const fault = async (name: FaultWindow['name'], act: () => Promise<void>) => {
    signal.throwIfAborted();
    const startedAt = Date.now();
    await act();
    windows.push({ name, startedAt, endedAt: Date.now() });
  };

  await phase(1, 'api-rolling-restart');
  // One replica at a time, as a rollout does: the client must steer to the other meanwhile.
  for (const api of parts.apis) {
    await fault('api-rolling-restart', async () => {
      log(`${api.name}: SIGTERM`);
      log(`${api.name}: exited (${await api.terminate()}); restarting`);
      await api.start();
      await mustBeReady(api);
      log(`${api.name}: ready again`);
    });
  }

  await phase(2, 'worker-kill');
  await fault('worker-kill', async () => {
    log(`${parts.worker.name}: SIGKILL`);
    await parts.worker.kill();
    await parts.worker.start();
    await mustBeReady(parts.worker);
    log(`${parts.worker.name}: restarted and ready`);
  });

  await phase(3, 'redis-outage');
  await fault('redis-outage', async () => {
    log(`redis: stopping for ${REDIS_OUTAGE_MS / 1000} s`);
    await parts.redis.stop();
    await pause(REDIS_OUTAGE_MS);
    await parts.redis.start();
    log('redis: started again');
  });

  await phase(4, 'postgres-restart');
  await fault('postgres-restart', async () => {
    log('postgres: fast shutdown');
    await parts.postgres.stop();
    await parts.postgres.start();
    log('postgres: accepting connections again');
  });
  await pause(Math.max(t0 + durationMs - Date.now(), MIN_COOL_DOWN_MS));
  return windows;
}

async function mustBeReady(app: AppProcess): Promise<void> {
  if (!(await app.waitReady(READY_TIMEOUT_MS))) {
    throw new Error(
      `${app.name} not ready ${READY_TIMEOUT_MS / 1000} s after its restart:\n  ${app.logTail()}`,
    );
  }
}
