import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';

/**
 * On SIGTERM/SIGINT: stop accepting, let in-flight requests and jobs finish, close pools
 * (Nest's shutdown hooks), run `onClosed` (e.g. stop dev services the app used), and exit.
 * A stuck shutdown is cut off after `graceMs`.
 */
export function exitGracefullyOnSignals(
  app: INestApplicationContext,
  graceMs: number,
  onClosed?: () => Promise<void>,
): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining and closing`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${graceMs} ms; exiting anyway`);
      process.exit(1);
    }, graceMs).unref();
    // onClosed runs even when close() failed: what it stops must not outlive the process.
    const finish = (code: number) =>
      (onClosed?.() ?? Promise.resolve()).then(
        () => process.exit(code),
        (error: unknown) => {
          logger.error(`Cleanup after close failed: ${String(error)}`);
          process.exit(1);
        },
      );
    app.close().then(
      () => finish(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        return finish(1);
      },
    );
  };
  // `on`, not `once`: a repeated signal must not fall back to Node's default (instant death,
  // skipping the drain and the cleanup). Ctrl-C under `npm start` arrives twice: from the
  // terminal and forwarded by npm. The grace timer bounds the wait instead.
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
