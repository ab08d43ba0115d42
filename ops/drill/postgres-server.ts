import { type ChildProcess, spawnSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DevServicesError } from '../dev-services/errors';
import { waitUntil } from '../dev-services/wait-until';
import { hasExited, spawnLogged, stopChild, tailOf, waitForExit } from './child-process';
import type { PostgresBinaries } from './postgres-binaries';
import type { Teardown } from './teardown';

const READY_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;

/** Postgres refuses to run as root; as root, run it as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new DevServicesError(
      'The drill runs as root, PostgreSQL refuses to, and there is no `postgres` system user ' +
        'to run it as. Create one (`useradd --system postgres`) or run the drill as another user.',
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * A PostgreSQL server of the drill's own: initdb into a temporary folder, trust auth, TCP on
 * 127.0.0.1 only (no Unix socket, so nothing meets the shared server's socket). The drill
 * restarts it with a fast shutdown (SIGINT, what `pg_ctl stop -m fast` sends) on the same
 * port and data folder.
 */
export class PostgresServer {
  private child: ChildProcess | undefined;
  private readonly user = runAs();
  private readonly dataDir: string;
  private readonly logFile: string;

  constructor(
    private readonly binaries: PostgresBinaries,
    private readonly teardown: Teardown,
    readonly port: number,
    folder: string,
    logDir: string,
  ) {
    this.dataDir = join(folder, 'pgdata');
    this.logFile = join(logDir, 'postgres.log');
  }

  /** Superuser URL of `database` on this server. */
  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    mkdirSync(this.dataDir, { mode: 0o700 });
    if (this.user) chownSync(this.dataDir, this.user.uid, this.user.gid);
    const initdb = spawnLogged(
      this.teardown,
      this.binaries.initdb,
      ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'],
      {
        env: { PATH: process.env.PATH, LANG: 'C' },
        cwd: this.dataDir,
        logFile: this.logFile,
        ...this.user,
      },
    );
    await waitForExit(initdb, READY_TIMEOUT_MS);
    if (initdb.exitCode !== 0) {
      throw new DevServicesError(
        `initdb failed (exit ${initdb.exitCode}):\n  ${tailOf(this.logFile)}`,
      );
    }
  }

  async start(): Promise<void> {
    const child = spawnLogged(
      this.teardown,
      this.binaries.postgres,
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      {
        env: { PATH: process.env.PATH, LANG: 'C' },
        cwd: this.dataDir,
        logFile: this.logFile,
        ...this.user,
      },
    );
    this.child = child;
    const ready = await waitUntil(
      async () => hasExited(child) || (await this.answers()),
      READY_TIMEOUT_MS,
      100,
    );
    if (!ready || hasExited(child)) {
      throw new DevServicesError(
        `PostgreSQL on 127.0.0.1:${this.port} did not start:\n  ${tailOf(this.logFile)}`,
      );
    }
  }

  /** Fast shutdown: open transactions roll back, clients are disconnected, a clean checkpoint. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    if ((await stopChild(child, 'SIGINT', SHUTDOWN_TIMEOUT_MS)) === 'killed') {
      throw new DevServicesError(`PostgreSQL did not shut down within ${SHUTDOWN_TIMEOUT_MS} ms`);
    }
  }

  /** True when a session can be opened and run a query (not merely the port accepting). */
  private async answers(): Promise<boolean> {
    const client = new Client({
      connectionString: this.urlOf('postgres'),
      connectionTimeoutMillis: 1000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
