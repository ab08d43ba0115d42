import { execFile, execFileSync } from 'node:child_process';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePorts } from '../../../ops/dev-services/free-port';
import { waitFor } from './wait-for';

const run = promisify(execFile);

/** Debian's PostgreSQL 15; PG_BIN points elsewhere. */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const COMMAND_TIMEOUT_MS = 60_000;

/** A primary and one streaming replica of it, each a `postgres` of its own in a temp folder. */
export interface ReplicaCluster {
  /** The primary's `postgres` database, as the superuser (trust). */
  primaryUrl: string;
  /** The replica's `postgres` database, as the superuser. */
  replicaUrl: string;
  /** Stops the replica (fast shutdown: its connections are cut). */
  stopReplica(): Promise<void>;
  /** Starts the stopped replica again on the same port and data. */
  startReplica(): Promise<void>;
  /** Stops both servers and deletes their folder; safe to call twice or after a failed start. */
  stop(): Promise<void>;
}

/**
 * Postgres refuses to run as root: as root (CI containers), every server command runs as the
 * `postgres` system user, as `ops/dev-services/embedded-postgres.ts` does.
 */
function asServerUser(command: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, command);
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', path, ...args]]
    : [path, args];
}

async function pg(command: string, args: string[]): Promise<void> {
  const [file, argv] = asServerUser(command, args);
  await run(file, argv, { timeout: COMMAND_TIMEOUT_MS });
}

/**
 * Starts a primary (`initdb`, `wal_level=replica`, replication allowed from loopback) and a
 * streaming replica made with `pg_basebackup -R`, on free loopback ports. The machine's own
 * Postgres allows no replication connections, hence a cluster of the test's own.
 */
export async function startReplicaCluster(): Promise<ReplicaCluster> {
  const root = await mkdtemp(join(tmpdir(), 'tt-replicas-'));
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const [primaryPort, replicaPort] = await freePorts(2);
  const running = new Set<string>();

  const startServer = async (dataDir: string, port: number) => {
    await pg('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      `${dataDir}.log`,
      '-o',
      `-p ${port}`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    running.add(dataDir);
  };
  const stopServer = async (dataDir: string, mode: 'fast' | 'immediate') => {
    if (!running.has(dataDir)) return;
    await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    running.delete(dataDir);
  };
  // If the test process exits without stop() (a crash), leave no server behind.
  const onExit = () => {
    for (const dataDir of running) {
      const [file, argv] = asServerUser('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      try {
        execFileSync(file, argv, { stdio: 'ignore', timeout: 10_000 });
      } catch {
        // Already gone.
      }
    }
  };
  process.once('exit', onExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      await stopServer(replicaDir, 'immediate').catch(() => undefined);
      await stopServer(primaryDir, 'immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    // The server user must own the folder (mkdtemp makes it 0700).
    if (process.getuid?.() === 0) {
      const { uid, gid } = serverUserIds();
      await chown(root, uid, gid);
    }
    await pg('initdb', [
      '-D',
      primaryDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await appendFile(
      join(primaryDir, 'postgresql.conf'),
      [
        "listen_addresses = '127.0.0.1'",
        // TCP only: no socket file to collide with the machine's own Postgres.
        "unix_socket_directories = ''",
        'wal_level = replica',
        'max_wal_senders = 4',
        // The replica's queries then hold back cleanup on the primary instead of being
        // cancelled by its replay (fewer recovery conflicts).
        'hot_standby_feedback = on',
        // A throwaway cluster: durability buys nothing here.
        'fsync = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    await appendFile(join(primaryDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    await startServer(primaryDir, primaryPort);
    await pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await startServer(replicaDir, replicaPort);
  } catch (error) {
    const logs = await Promise.all(
      [primaryDir, replicaDir].map((dir) => readFile(`${dir}.log`, 'utf8').catch(() => '')),
    );
    await stop();
    throw new Error(`Replica cluster did not start: ${String(error)}\n${logs.join('\n')}`);
  }

  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  // Streaming from the primary (not just accepting connections).
  await waitFor(
    async () => {
      const client = new Client({ connectionString: replicaUrl });
      try {
        await client.connect();
        const { rows } = await client.query<{ status: string }>(
          'SELECT status FROM pg_stat_wal_receiver',
        );
        return rows[0]?.status === 'streaming' ? true : undefined;
      } catch {
        return undefined;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    30_000,
    'the replica to stream from the primary',
  );

  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl,
    stopReplica: () => stopServer(replicaDir, 'fast'),
    startReplica: () => startServer(replicaDir, replicaPort),
    stop,
  };
}

/** The `postgres` system user's ids (from /etc/passwd). */
function serverUserIds(): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
  const [, , uid, gid] = line.trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
