import { join } from 'node:path';
import { ensureDatabase } from '../dev-services/ensure-database';
import { AppProcess } from './app-process';
import { BUILT_MAIN } from './build';
import { drillEnv, SHUTDOWN_GRACE_MS } from './drill-env';
import { freePorts } from '../dev-services/free-port';
import type { DrillOptions } from './options';
import type { PostgresBinaries } from './postgres-binaries';
import { PostgresServer } from './postgres-server';
import { RedisServer } from './redis-server';
import { createAccounts, migrate, signIn } from './setup';
import type { Teardown } from './teardown';
import type { TempSpace } from './temp-space';

const DATABASE = 'tasktrackr_drill';
const READY_TIMEOUT_MS = 90_000;

/** Everything the drill started, ready for load. */
export interface DrillEnvironment {
  space: TempSpace;
  postgres: PostgresServer;
  redis: RedisServer;
  apis: [AppProcess, AppProcess];
  worker: AppProcess;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  /** The employee's API token and the admin's session (access token), the load's principals. */
  employeeToken: string;
  adminAccessToken: string;
}

/**
 * Starts the drill's own Postgres and Redis on free loopback ports (data in `space`), migrates,
 * creates the accounts, starts two API processes and a worker from dist/ (built beforehand),
 * and signs the admin in. Each piece registers its undoing with `teardown` as soon as it exists.
 */
export async function startEnvironment(
  root: string,
  binaries: PostgresBinaries,
  space: TempSpace,
  options: DrillOptions,
  teardown: Teardown,
  log: (line: string) => void,
): Promise<DrillEnvironment> {
  const [pgPort, redisPort, api1Port, api2Port, workerPort] = await freePorts(5);
  log(`temporary folder ${space.root}`);

  const postgres = new PostgresServer(binaries, teardown, pgPort, space.postgres, space.logs);
  await postgres.init();
  teardown.add('stop PostgreSQL', () => postgres.stop());
  await postgres.start();
  await ensureDatabase(postgres.urlOf('postgres'), DATABASE, "The drill's PostgreSQL");
  log(`PostgreSQL ${binaries.postgres} on 127.0.0.1:${pgPort}`);

  const redis = new RedisServer(teardown, redisPort, space.redis, space.logs);
  teardown.add('stop Redis', () => redis.stop());
  await redis.start();
  log(`Redis on 127.0.0.1:${redisPort}`);

  const databaseUrl = postgres.urlOf(DATABASE);
  const env = drillEnv({
    databaseUrl,
    redisUrl: redis.url,
    queuePrefix: `drill_${process.pid}`,
    exportDir: space.exports,
    logLevel: options.logLevel,
  });
  log(`migrations: ${await migrate(databaseUrl)} applied`);
  const accounts = await createAccounts(env);
  log(`accounts: ${accounts.admin.email} (admin, session), ${accounts.employeeEmail} (API token)`);

  const app = (name: string, role: 'api' | 'worker', port: number) => {
    const child = new AppProcess(
      {
        name,
        role,
        port,
        main: join(root, BUILT_MAIN),
        env,
        cwd: space.app,
        logDir: space.logs,
        graceMs: SHUTDOWN_GRACE_MS,
      },
      teardown,
    );
    teardown.add(`stop ${name}`, async () => void (await child.terminate()));
    return child;
  };
  const apis: [AppProcess, AppProcess] = [
    app('api-1', 'api', api1Port),
    app('api-2', 'api', api2Port),
  ];
  const worker = app('worker', 'worker', workerPort);
  await Promise.all([...apis, worker].map((p) => p.start()));
  for (const p of [...apis, worker]) {
    if (!(await p.waitReady(READY_TIMEOUT_MS)))
      throw new Error(`${p.name} is not ready:\n  ${p.logTail()}`);
  }
  log(`api-1 ${apis[0].baseUrl}, api-2 ${apis[1].baseUrl}, worker ${worker.baseUrl}: ready`);

  // Signed in on api-1; the load uses the token on both: one signing key for all replicas.
  const adminAccessToken = await signIn(apis[0].baseUrl, accounts.admin);
  return {
    space,
    postgres,
    redis,
    apis,
    worker,
    databaseUrl,
    env,
    employeeToken: accounts.employeeToken,
    adminAccessToken,
  };
}
