import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';

/**
 * On SIGTERM/SIGINT: stop accepting, let in-flight requests and jobs finish, close pools
 * (Nest's shutdown hooks), and exit. A stuck shutdown is cut off after `graceMs`.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, graceMs: number): void {
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
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
