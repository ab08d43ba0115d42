import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DevServicesError } from './errors';
import type { Endpoint } from './probe';

/** How `resolveServices` looks for and starts Postgres and Redis. Every field has a default. */
export interface DevServicesOptions {
  /** Where DATABASE_URL, REDIS_URL, PATH and the TT_* overrides are read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Used as is when set. Default: `env.DATABASE_URL`. */
  databaseUrl?: string;
  /** Used as is when set. Default: `env.REDIS_URL`. */
  redisUrl?: string;
  /** Where a local Postgres may answer; `null` skips the probe. Default 127.0.0.1:5432. */
  localPostgres?: Endpoint | null;
  /** Where a local Redis may answer; `null` skips the probe. Default 127.0.0.1:6379. */
  localRedis?: Endpoint | null;
  /** Port of the embedded Postgres. Default 54329. */
  embeddedPostgresPort?: number;
  /** Port of the redis-server we spawn. Default 63790. */
  spawnedRedisPort?: number;
  /** Holds `postgres/`, `redis/` and `services.env`. Default `<project>/.data`. */
  dataDir?: string;
  /** Database the app uses, created when missing. Default `TT_DATABASE_NAME`, else `tasktrackr`. */
  databaseName?: string;
  /** Receives one line per decision. Default: stderr. */
  log?: (line: string) => void;
  /**
   * Start an embedded Postgres / a redis-server when none is found. Default true; the CLIs
   * pass false: they use what runs and start nothing.
   */
  startMissing?: boolean;
}

export type ResolvedOptions = Required<DevServicesOptions>;

/**
 * Fills in defaults from the environment (TT_* variables let people and tests redirect the
 * probes and ports without code) and from the project layout.
 */
export function withDefaults(options: DevServicesOptions): ResolvedOptions {
  const env = options.env ?? process.env;
  return {
    env,
    databaseUrl: options.databaseUrl ?? nonEmpty(env.DATABASE_URL) ?? '',
    redisUrl: options.redisUrl ?? nonEmpty(env.REDIS_URL) ?? '',
    localPostgres:
      options.localPostgres !== undefined
        ? options.localPostgres
        : endpointFromEnv(env.TT_LOCAL_PG_HOST, env.TT_LOCAL_PG_PORT, 5432, 'TT_LOCAL_PG_PORT'),
    localRedis:
      options.localRedis !== undefined
        ? options.localRedis
        : endpointFromEnv(
            env.TT_LOCAL_REDIS_HOST,
            env.TT_LOCAL_REDIS_PORT,
            6379,
            'TT_LOCAL_REDIS_PORT',
          ),
    embeddedPostgresPort:
      options.embeddedPostgresPort ??
      portFromEnv(env.TT_EMBEDDED_PG_PORT, 54329, 'TT_EMBEDDED_PG_PORT'),
    spawnedRedisPort:
      options.spawnedRedisPort ?? portFromEnv(env.TT_DEV_REDIS_PORT, 63790, 'TT_DEV_REDIS_PORT'),
    dataDir: resolve(options.dataDir ?? nonEmpty(env.TT_DATA_DIR) ?? join(projectRoot(), '.data')),
    databaseName: options.databaseName ?? databaseNameFromEnv(env.TT_DATABASE_NAME),
    log: options.log ?? ((line) => process.stderr.write(`[dev-services] ${line}\n`)),
    startMissing: options.startMissing ?? true,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A plain name: it goes into URLs and a CREATE DATABASE unquoted by people reading them. */
function databaseNameFromEnv(value: string | undefined): string {
  const name = nonEmpty(value) ?? 'tasktrackr';
  if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(name)) {
    throw new DevServicesError(
      `TT_DATABASE_NAME must be letters, digits and _ (not starting with a digit), not "${name}"`,
    );
  }
  return name;
}

/** `off` disables the probe, so the next fallback is used even when a local service runs. */
function endpointFromEnv(
  host: string | undefined,
  port: string | undefined,
  defaultPort: number,
  name: string,
): Endpoint | null {
  if (port?.trim().toLowerCase() === 'off') return null;
  return { host: nonEmpty(host) ?? '127.0.0.1', port: portFromEnv(port, defaultPort, name) };
}

function portFromEnv(value: string | undefined, defaultPort: number, name: string): number {
  const text = nonEmpty(value);
  if (text === undefined) return defaultPort;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DevServicesError(`${name} must be a port number between 1 and 65535, not "${text}"`);
  }
  return port;
}

/**
 * The folder holding package.json above this file. Works both from the sources
 * (ops/dev-services) and from the build (dist/ops/dev-services), unlike a fixed `../..`.
 */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
