import { killAllChildren } from './children';

type Step = { what: string; run: () => Promise<unknown> };

/** What must be undone however the run ends, last registered first (databases, Redis keys). */
const steps: Step[] = [];
let running: Promise<void> | undefined;
let interrupted = false;

/** Whether a signal stopped the run (its failures are then the interruption, not errors). */
export function wasInterrupted(): boolean {
  return interrupted;
}

export function onCleanup(what: string, run: () => Promise<unknown>): void {
  steps.push({ what, run });
}

/** Kills the children, then runs every step once, even if one fails (each failure is logged). */
export function cleanUp(log: (message: string) => void): Promise<void> {
  running ??= (async () => {
    killAllChildren();
    for (const step of [...steps].reverse()) {
      try {
        await step.run();
      } catch (error) {
        log(
          `cleanup: ${step.what} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  })();
  return running;
}

/**
 * Ctrl-C, SIGTERM and SIGHUP clean up before exiting; a plain exit at least kills the
 * children (exit handlers cannot wait for the database to drop).
 */
export function installSignalHandlers(log: (message: string) => void): void {
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: stopping and cleaning up`);
      void cleanUp(log).finally(() => process.exit(130));
    });
  }
}
