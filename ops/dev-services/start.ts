import { bootstrap } from '../../api/src/main';
import { loadDotenvLikeTheApi } from './load-dotenv';
import { reportFailure } from './report-failure';
import { resolveServices } from './resolve-services';

const EXIT_CODE: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * `npm start`: finds or starts Postgres and Redis, then runs the API and worker in this process.
 * On SIGINT/SIGTERM the app drains and closes first, then the services started here stop.
 */
async function main(): Promise<void> {
  loadDotenvLikeTheApi();
  // Until the app installs its graceful shutdown, a signal just exits: the services' exit
  // guards stop what was started so far.
  const exitNow = (signal: 'SIGINT' | 'SIGTERM') => process.exit(EXIT_CODE[signal]);
  process.on('SIGINT', exitNow);
  process.on('SIGTERM', exitNow);
  // A closed terminal shuts down like Ctrl-C, so nothing started here outlives it.
  process.on('SIGHUP', () => process.kill(process.pid, 'SIGTERM'));

  const services = await resolveServices();
  if (!process.env.DATABASE_URL) process.env.DATABASE_URL = services.databaseUrl;
  if (!process.env.REDIS_URL) process.env.REDIS_URL = services.redisUrl;
  process.env.APP_ROLE ??= 'all';

  try {
    await bootstrap({ onClosed: () => services.stop() });
  } catch (error) {
    await services.stop();
    throw error;
  } finally {
    process.off('SIGINT', exitNow);
    process.off('SIGTERM', exitNow);
  }
}

main().catch((error: unknown) => {
  reportFailure('TaskTrackr failed to start', error);
  process.exit(1);
});
