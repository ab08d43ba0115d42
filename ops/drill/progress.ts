import type { Router } from './http/router';
import type { LoadGenerator } from './load/load-generator';
import type { PhaseStats } from './phase-stats';

const EVERY_MS = 2_000;

/** Prints one line every 2 s: phase, requests/s, errors so far, writes, ready instances. */
export function startProgress(
  stats: PhaseStats,
  load: LoadGenerator,
  router: Router,
  log: (line: string) => void,
): () => void {
  const startedAt = Date.now();
  let previous = { at: startedAt, sent: 0 };
  const timer = setInterval(() => {
    const now = Date.now();
    const totals = stats.totals();
    const rate = ((totals.sent - previous.sent) * 1000) / Math.max(1, now - previous.at);
    previous = { at: now, sent: totals.sent };
    const ready = router.readyNames();
    log(
      `${stats.current.padEnd(19)} ${rate.toFixed(0).padStart(4)} req/s  ` +
        `sent ${totals.sent}  2xx ${totals.ok}  errors ${totals.errors}  ` +
        `acked writes ${load.acknowledged}  in flight ${load.inFlight}  ` +
        `ready: ${ready.length > 0 ? ready.join(',') : 'none'}`,
    );
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
