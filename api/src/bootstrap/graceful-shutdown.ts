import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DrainState } from '../health/drain-state';

/**
 * On SIGTERM/SIGINT: start draining (readiness fails, answers close their connections), keep
 * serving for `drainDelayMs` so load balancers move away, then stop accepting, let in-flight
 * requests and jobs finish, close pools (Nest's shutdown hooks), run `onClosed` (e.g. stop dev
 * services the app used), and exit. A stuck shutdown is cut off `graceMs` after the signal.
 */
export function exitGracefullyOnSignals(
  app: INestApplicationContext,
  graceMs: number,
  onClosed?: () => Promise<void>,
  drainDelayMs = 0,
): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(
      drainDelayMs > 0
        ? `${signal} received: draining for ${drainDelayMs} ms, then closing`
        : `${signal} received: draining and closing`,
    );
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${graceMs} ms; exiting anyway`);
      process.exit(1);
    }, graceMs).unref();
    app.get(DrainState, { strict: false }).begin();
    // onClosed runs even when close() failed: what it stops must not outlive the process.
    const finish = (code: number) =>
      (onClosed?.() ?? Promise.resolve()).then(
        () => process.exit(code),
        (error: unknown) => {
          logger.error(`Cleanup after close failed: ${String(error)}`);
          process.exit(1);
        },
      );
    setTimeout(() => {
      app.close().then(
        () => finish(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${String(error)}`);
          return finish(1);
        },
      );
    }, drainDelayMs);
  };
  // `on`, not `once`: a repeated signal must not fall back to Node's default (instant death,
  // skipping the drain and the cleanup). Ctrl-C under `npm start` arrives twice: from the
  // terminal and forwarded by npm. The grace timer bounds the wait instead.
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
