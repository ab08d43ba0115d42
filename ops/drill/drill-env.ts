import { generateKeyPairSync } from 'node:crypto';
import type { DrillOptions } from './options';

export interface DrillEnvInput {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  exportDir: string;
  logLevel: DrillOptions['logLevel'];
}

/**
 * The environment every app process of the drill shares (the API replicas and the worker),
 * built from scratch rather than inherited, so nothing of the caller's shell (DATABASE_URL of the
 * shared server, say) leaks in. One JWT key for all: a token one API signs, the other verifies.
 * The rate limit is lifted: the drill measures availability; the limiter itself still runs.
 * A short drain delay, as an instance behind a readiness-watching balancer should have.
 */
export function drillEnv(input: DrillEnvInput): NodeJS.ProcessEnv {
  const jwtKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const auditKey = generateKeyPairSync('ed25519').privateKey;
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: input.databaseUrl,
    REDIS_URL: input.redisUrl,
    QUEUE_PREFIX: input.queuePrefix,
    JWT_PRIVATE_KEY: jwtKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUDIT_SIGNING_KEY: auditKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUDIT_EXPORT_DIR: input.exportDir,
    ADMIN_UI_DIR: '',
    SWAGGER_UI_ENABLED: 'false',
    LOG_LEVEL: input.logLevel,
    THROTTLE_LIMIT: '1000000',
    SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS),
    // Four readiness polls of the drill's router: it has moved away before the listener closes.
    SHUTDOWN_DRAIN_DELAY_MS: '1000',
  };
}

export const SHUTDOWN_GRACE_MS = 10_000;
