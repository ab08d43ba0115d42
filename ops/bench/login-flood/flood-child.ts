/**
 * Child process: the login flood's load generator. Runs apart from the driver (which measures
 * the task reads) so that recording tens of thousands of refused logins a second does not
 * delay, and so inflate, the reads' measured latencies in the same event loop.
 */
import { fatalOf, hasType, type FloodCommand, type FloodMessage } from './protocol';
import { runLoad } from './load';
import { countOf, summariseLoad, type RawLoad } from './summary';

const log = (message: string) => process.stderr.write(`[bench:login-flood] ${message}\n`);

function progress(elapsedS: number, raw: RawLoad, warmupS: number): void {
  // Every 5 s: enough to see the run is alive without burying the driver's lines.
  if (Math.round(elapsedS) % 5 !== 0) return;
  const counts = Object.entries(raw.latenciesByStatus)
    .map(([status, latencies]) => `${status}: ${latencies.length}`)
    .join(', ');
  const phase = elapsedS < warmupS ? 'warm-up' : 'window';
  log(`  logins ${elapsedS.toFixed(0)} s (${phase}): ${counts || 'none yet in the window'}`);
}

process.on('message', (message: unknown) => {
  if (!hasType<FloodCommand>(message, 'run')) return;
  const { spec } = message;
  runLoad(spec, (elapsedS, raw) => progress(elapsedS, raw, spec.warmupS)).then(
    (raw) => {
      const summary = summariseLoad(raw);
      const reply: FloodMessage = { type: 'result', summary };
      process.send?.(reply);
      log(`  logins done: ${countOf(summary, 200)} × 200, ${countOf(summary, 503)} × 503`);
    },
    (error: unknown) => process.send?.(fatalOf(error)),
  );
});

const ready: FloodMessage = { type: 'ready' };
process.send?.(ready);
