import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../../ops/dev-services/free-port';
import { waitFor } from './wait-for';

/** Debian's package; CI installs it (`.ci/run`). */
export const PGBOUNCER_BIN = '/usr/sbin/pgbouncer';

/** Why PgBouncer cannot run here, or undefined when it can. */
export function pgbouncerMissing(): string | undefined {
  if (existsSync(PGBOUNCER_BIN)) return undefined;
  return `PgBouncer is not installed (${PGBOUNCER_BIN} is missing): apt-get install pgbouncer`;
}

/** `[major, minor]` of the installed PgBouncer. */
function pgbouncerVersion(): [number, number] {
  const out = spawnSync(PGBOUNCER_BIN, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  const match = /PgBouncer (\d+)\.(\d+)/.exec(out);
  if (!match) throw new Error(`cannot read the PgBouncer version from: ${out}`);
  return [Number(match[1]), Number(match[2])];
}

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export interface PgBouncerSettings {
  /** Server connections per database/user pair (`default_pool_size`). */
  poolSize: number;
}

/**
 * A PgBouncer of the test's own in front of one database, in transaction pooling mode, on a
 * free loopback port: clients authenticate by `trust`, PgBouncer reaches Postgres with the
 * target URL's user and password. Its config lives in a temporary folder; its log is kept for
 * failure messages.
 */
export class PgBouncerProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private dir = '';
  private port = 0;

  /** @param target a direct URL of the database clients will reach through PgBouncer */
  constructor(
    private readonly target: string,
    private readonly settings: PgBouncerSettings,
  ) {}

  /** The pooled URL: the same database and user, through PgBouncer. */
  get url(): string {
    const url = new URL(this.target);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    url.password = '';
    return url.toString();
  }

  get log(): string {
    return this.output;
  }

  async start(): Promise<void> {
    const missing = pgbouncerMissing();
    if (missing) throw new Error(missing);
    this.port = await freePort();
    this.dir = mkdtempSync(join(tmpdir(), 'tt-pgbouncer-'));
    // Run as root, PgBouncer switches to `postgres` (-u), which must still read its files.
    chmodSync(this.dir, 0o755);
    const ini = join(this.dir, 'pgbouncer.ini');
    const userlist = join(this.dir, 'userlist.txt');
    const target = new URL(this.target);
    const user = decodeURIComponent(target.username || 'postgres');
    writeFileSync(userlist, `"${user}" ""\n`, { mode: 0o644 });
    writeFileSync(ini, this.config(target, user, userlist), { mode: 0o644 });

    const runAs = process.getuid?.() === 0 ? ['-u', 'postgres'] : [];
    const child = spawn(PGBOUNCER_BIN, [...runAs, ini], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-50_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`pgbouncer exited:\n${this.output}`);
        return (await this.query('SELECT 1').catch(() => undefined)) ? true : undefined;
      },
      15_000,
      `pgbouncer on port ${this.port} to answer`,
    );
  }

  /** One statement through PgBouncer on a short-lived client. */
  async query<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
    return this.withClient(this.url, (client) => client.query(text, values));
  }

  /** A `SHOW …` on PgBouncer's admin console (simple protocol, no parameters). */
  async admin<Row>(command: string): Promise<Row[]> {
    const url = new URL(this.url);
    url.pathname = '/pgbouncer';
    return this.withClient(url.toString(), (client) => client.query(command));
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private config(target: URL, user: string, userlist: string): string {
    const database = decodeURIComponent(target.pathname.slice(1));
    const server = [
      `host=${target.hostname}`,
      `port=${target.port || '5432'}`,
      `dbname=${quote(database)}`,
      `user=${quote(user)}`,
      ...(target.password ? [`password=${quote(decodeURIComponent(target.password))}`] : []),
    ].join(' ');
    const [major, minor] = pgbouncerVersion();
    return [
      '[databases]',
      `${database} = ${server}`,
      '',
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${this.port}`,
      // No Unix socket: the default folder may not exist or belong to another PgBouncer.
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${userlist}`,
      `admin_users = ${user}`,
      'pool_mode = transaction',
      `default_pool_size = ${this.settings.poolSize}`,
      'max_client_conn = 500',
      // Older PgBouncers (Debian 12's 1.18) do not know the setting and never keep prepared
      // statements; from 1.21 it is explicit: none, as in production (docs/operations.md).
      ...(major > 1 || minor >= 21 ? ['max_prepared_statements = 0'] : []),
      '',
    ].join('\n');
  }

  private async withClient<Row>(
    url: string,
    work: (client: Client) => Promise<{ rows: unknown[] }>,
  ): Promise<Row[]> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await work(client)).rows as Row[];
    } finally {
      await client.end();
    }
  }
}
