import { loadDotenvLikeTheApi } from './load-dotenv';
import { reportFailure } from './report-failure';
import { resolveServices } from './resolve-services';
import { watchParent } from './watch-parent';

/**
 * `npm run dev:services`: finds or starts Postgres and Redis like `npm start`, prints their
 * URLs as env lines (for tests, the CLI, a second app), and keeps them up until Ctrl-C.
 */
async function main(): Promise<void> {
  loadDotenvLikeTheApi();
  // During start-up a signal just exits; the services' exit guards stop what was started.
  const exitNow = () => process.exit(130);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, exitNow);
  // npm may not pass a SIGTERM on (see watch-parent.ts): stop when it is gone.
  watchParent(() => process.kill(process.pid, 'SIGTERM'));

  const services = await resolveServices();
  process.stdout.write(`DATABASE_URL=${services.databaseUrl}\nREDIS_URL=${services.redisUrl}\n`);
  process.stderr.write('[dev-services] Running; press Ctrl-C to stop what was started here.\n');

  // Nothing else may hold the event loop open (e.g. when both services were found running).
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stop = () => {
    for (const signal of signals) process.off(signal, stop);
    clearInterval(keepAlive);
    services.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        reportFailure('Stopping the dev services failed', error);
        process.exit(1);
      },
    );
  };
  for (const signal of signals) {
    process.off(signal, exitNow);
    process.on(signal, stop);
  }
}

main().catch((error: unknown) => {
  reportFailure('The dev services could not start', error);
  process.exit(1);
});
