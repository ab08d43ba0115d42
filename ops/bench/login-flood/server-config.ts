import { generateKeyPairSync } from 'node:crypto';
import { validateEnv } from '../../../api/src/config/validate-env';

/** The hashing bound a server runs with (PASSWORD_HASH_CONCURRENCY / PASSWORD_HASH_QUEUE_MAX). */
export interface Hashing {
  concurrency: number;
  queueMax: number;
}

/** What every instance of the app had before the bound: no limit of its own, no 503. */
export const UNBOUNDED: Hashing = { concurrency: 1000, queueMax: 0 };

/** Far above anything the benchmark sends: the throttlers still run, they just never refuse. */
export const THROTTLE_OUT_OF_THE_WAY = '1000000000';

/** The app's own defaults, read from its config schema (not copied here). */
function appDefaults() {
  return validateEnv({
    DATABASE_URL: 'postgres://127.0.0.1/unused',
    REDIS_URL: 'redis://127.0.0.1',
  });
}

/** The bound the app ships with. */
export function defaultHashing(): Hashing {
  const env = appDefaults();
  return { concurrency: env.PASSWORD_HASH_CONCURRENCY, queueMax: env.PASSWORD_HASH_QUEUE_MAX };
}

/** The argon2id parameters the app ships with; pinned in serverConfig() so the shell's env cannot change them. */
export function defaultArgon2() {
  const env = appDefaults();
  return {
    memoryKiB: env.PASSWORD_HASH_MEMORY_KIB,
    timeCost: env.PASSWORD_HASH_TIME_COST,
    parallelism: env.PASSWORD_HASH_PARALLELISM,
  };
}

export function argon2Label(params: ReturnType<typeof defaultArgon2>): string {
  return `argon2id with m=${+(params.memoryKiB / 1024).toFixed(1)} MiB, t=${params.timeCost}, p=${params.parallelism}`;
}

export interface ServerSettings {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  hashing: Hashing;
}

/**
 * Config overrides for the server child: production mode with throwaway keys passed inline (so
 * nothing is written under .data/), no admin UI, request logging at `warn`, the app's argon2
 * parameters, the given bound, and every rate limit raised so that the hashing bound is the
 * only thing that can refuse a sign-in.
 */
export function serverConfig(settings: ServerSettings): Record<string, string> {
  const pem = (key: { export(options: { type: 'pkcs8'; format: 'pem' }): string | Buffer }) =>
    key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const argon2 = defaultArgon2();
  return {
    NODE_ENV: 'production',
    APP_ROLE: 'all',
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: settings.queuePrefix,
    LOG_LEVEL: 'warn',
    ADMIN_UI_DIR: '',
    JWT_PRIVATE_KEY: pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
    AUDIT_SIGNING_KEY: pem(generateKeyPairSync('ed25519').privateKey),
    // The token is used for the whole run; longer than the 15-minute default to be safe.
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    THROTTLE_LIMIT: THROTTLE_OUT_OF_THE_WAY,
    THROTTLE_AUTH_LIMIT_PER_IP: THROTTLE_OUT_OF_THE_WAY,
    THROTTLE_AUTH_LIMIT_PER_EMAIL: THROTTLE_OUT_OF_THE_WAY,
    PASSWORD_HASH_MEMORY_KIB: String(argon2.memoryKiB),
    PASSWORD_HASH_TIME_COST: String(argon2.timeCost),
    PASSWORD_HASH_PARALLELISM: String(argon2.parallelism),
    PASSWORD_HASH_CONCURRENCY: String(settings.hashing.concurrency),
    PASSWORD_HASH_QUEUE_MAX: String(settings.hashing.queueMax),
  };
}

/** The env var carrying serverConfig() to the child as JSON. */
export const SERVER_CONFIG_ENV = 'LOGIN_FLOOD_SERVER_CONFIG';
/** The env var carrying the seeded employee's email to the child. */
export const SERVER_EMAIL_ENV = 'LOGIN_FLOOD_EMAIL';
/** The env var carrying how many tasks the child seeds. */
export const SERVER_TASKS_ENV = 'LOGIN_FLOOD_TASKS';
