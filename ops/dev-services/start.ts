import { bootstrap } from '../../api/src/main';
import { loadDotenvLikeTheApi } from './load-dotenv';
import { withDefaults } from './options';
import { reportFailure } from './report-failure';
import { resolveServices } from './resolve-services';
import { runningBanner } from './running-banner';
import { removeServicesRecord, writeServicesRecord } from './services-record';
import { watchParent } from './watch-parent';

const EXIT_CODE: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
const say = (line: string) => process.stderr.write(`[dev-services] ${line}\n`);

/**
 * `npm start`: finds or starts Postgres and Redis, records them for the CLIs, then runs the API
 * and worker in this process. On SIGINT/SIGTERM (or when the process that started it dies) the
 * app drains and closes first, then the services started here stop, one line each.
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
  watchParent(() => {
    say('the process that started this one (npm) has exited; stopping');
    process.kill(process.pid, 'SIGTERM');
  });
  let signalledAt = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => (signalledAt ||= Date.now()));
  }

  const { dataDir } = withDefaults({});
  const services = await resolveServices();
  if (!process.env.DATABASE_URL) process.env.DATABASE_URL = services.databaseUrl;
  if (!process.env.REDIS_URL) process.env.REDIS_URL = services.redisUrl;
  process.env.APP_ROLE ??= 'all';
  const chosen = { databaseUrl: process.env.DATABASE_URL, redisUrl: process.env.REDIS_URL };
  const recordPath = writeServicesRecord(dataDir, { ...chosen, pid: process.pid });
  process.once('exit', () => removeServicesRecord(dataDir, process.pid)); // process.exit() paths
  const stopServices = async () => {
    removeServicesRecord(dataDir, process.pid);
    await services.stop();
  };

  try {
    const appUrl = await bootstrap({
      onClosed: async () => {
        const took = signalledAt ? ` in ${((Date.now() - signalledAt) / 1000).toFixed(1)} s` : '';
        say(`App: drained and closed${took}`);
        await stopServices();
      },
    });
    process.stdout.write(
      runningBanner({ appUrl, ...chosen, origins: services.origins, recordPath }),
    );
  } catch (error) {
    await stopServices();
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
