import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { defaultAdminUiDir } from './admin-ui-dir';
import { allowHostProblem } from './allow-host-list';

/** The roles one process can take: HTTP API, queue worker, or both (the embedded default). */
export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

const booleanString = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const positiveInt = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .positive('must be greater than 0');

const urlWithProtocols = (protocols: string[]) =>
  z
    .string({ message: 'is required' })
    .min(1, 'is required')
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    );

/**
 * `false`, `true`, a hop count, or a comma list of addresses/subnets/presets (`loopback`),
 * as Fastify's `trustProxy` (proxy-addr) takes it.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value): boolean | number | string[] => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    return value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  });

const originList = z
  .string()
  .trim()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .refine(
    (origins) =>
      origins.every((origin) => {
        try {
          return new URL(origin).origin === origin;
        } catch {
          return false;
        }
      }),
    'must be a comma-separated list of origins like https://tasks.example.com (scheme, host, optional port; no path)',
  );

/** A comma-separated list; blanks dropped. */
const commaList = z
  .string()
  .trim()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const urlList = (protocols: string[]) =>
  commaList.refine(
    (urls) =>
      urls.every((url) => {
        try {
          return protocols.includes(new URL(url).protocol);
        } catch {
          return false;
        }
      }),
    `must be a comma-separated list of URLs starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

const SIZE_UNITS = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** A size like `100kb` or `1mb`, parsed to bytes (what Fastify's `bodyLimit` takes). */
const bodyLimit = z
  .string()
  .trim()
  .regex(/^\d+(b|kb|mb)$/i, 'must be a size like 100kb or 1mb')
  .transform((value) => {
    const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(value) ?? [];
    return Number(amount) * SIZE_UNITS[unit.toLowerCase() as keyof typeof SIZE_UNITS];
  });

/**
 * The admin UI build served at `/`: a folder holding its index.html (relative to the working
 * directory). Unset: this checkout's `admin-ui/dist/browser` when it has been built, else
 * nothing; empty: not served.
 */
const adminUiDir = z
  .string()
  .trim()
  .optional()
  .transform((value) =>
    value === undefined ? defaultAdminUiDir() : value === '' ? '' : resolve(value),
  )
  .refine(
    (dir) => dir === '' || existsSync(join(dir, 'index.html')),
    'must be a folder holding the admin UI build (its index.html), or empty to serve no UI',
  );

/** `OUTBOUND_ALLOW_HOSTS`: hostnames, IPs and CIDR blocks the SSRF guard lets through. */
const allowHostList = commaList.superRefine((items, ctx) => {
  for (const item of items) {
    const problem = allowHostProblem(item);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (hostnames, IPs or CIDRs)` });
  }
});

/**
 * Every environment variable the process reads. `.env.example` documents each one;
 * a test keeps the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_ROLE: z.enum(APP_ROLES).default('all'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(3000),
  DATABASE_QUERY_TIMEOUT_MS: positiveInt.default(30_000),
  // Streaming replicas that serve read-only queries (docs/operations.md, "Read replicas").
  DATABASE_REPLICA_URLS: urlList(['postgres:', 'postgresql:']).default(''),
  REPLICA_MAX_LAG_MS: positiveInt.default(5000),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
  // Every Redis key and channel starts with it; empty or unset: derived from DATABASE_URL.
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[a-z0-9:_-]*$/i, 'may hold only letters, digits, :, - and _')
    .optional(),
  CORS_ORIGINS: originList.default(''),
  TRUST_PROXY: trustProxy.default('false'),
  BODY_LIMIT: bodyLimit.default('100kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEALTH_CHECK_TIMEOUT_MS: positiveInt.default(1500),
  SWAGGER_UI_ENABLED: booleanString.default('true'),
  ADMIN_UI_DIR: adminUiDir,
  SHUTDOWN_GRACE_MS: positiveInt.default(10000),
  SHUTDOWN_DRAIN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  // --- Tracing (docs/operations.md "Tracing") ---
  // OTLP/HTTP collector base URL (the exporter appends /v1/traces); empty: tracing is off.
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .trim()
    .default('')
    .refine((value) => {
      if (value === '') return true;
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be empty or a URL starting with http:// or https://'),
  // Empty: tasktrackr-worker for APP_ROLE=worker, else tasktrackr-api.
  OTEL_SERVICE_NAME: z.string().trim().default(''),
  // --- Audit log (docs/audit-log.md) ---
  AUDIT_SIGNING_KEY: z.string().default(''),
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).default('.data/audit/signing-key.pem'),
  // Retired Ed25519 public keys (PEM one after another, or comma-separated base64 SPKI):
  // verification still trusts what they signed after a rotation; they never sign.
  AUDIT_PREVIOUS_PUBLIC_KEYS: z.string().default(''),
  AUDIT_CHECKPOINT_EVERY: positiveInt.default(1000),
  AUDIT_CHECKPOINT_INTERVAL_MS: positiveInt.default(300000),
  AUDIT_SEAL_BATCH_SIZE: positiveInt.default(500),
  AUDIT_SWEEP_INTERVAL_MS: positiveInt.default(5000),
  AUDIT_EXPORT_DIR: z.string().min(1).default('.data/audit/exports'),
  AUDIT_EXPORT_TTL_HOURS: positiveInt.default(24),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
  // Merkle tree checkpoints (C2SP signed notes): origin line and key name, max delay, files.
  AUDIT_LOG_ORIGIN: z
    .string()
    .trim()
    .regex(/^[^\s+]+$/, 'must be one word without spaces or +, e.g. example.com/audit')
    .default('tasktrackr.local/audit'),
  AUDIT_CHECKPOINT_MAX_DELAY_MS: positiveInt.default(10000),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).default('.data/audit/checkpoints'),
  AUDIT_WITNESS_URL: urlList(['http:', 'https:']).default(''),
  AUDIT_WITNESS_VKEY: commaList.default(''),
  AUDIT_WITNESS_TIMEOUT_MS: positiveInt.default(5000),
  // --- Outbound calls to user-chosen URLs: webhooks, audit streams (docs/webhooks.md) ---
  OUTBOUND_ALLOW_HOSTS: allowHostList.default(''),
  OUTBOUND_ALLOW_HTTP: booleanString.default('false'),
  // --- Webhooks (docs/webhooks.md): retries, give-up age, dispatcher cadence (worker role) ---
  WEBHOOK_RETRY_BASE_MS: positiveInt.default(5000),
  WEBHOOK_MAX_AGE_MS: positiveInt.default(3 * 24 * 3600 * 1000),
  WEBHOOK_POLL_INTERVAL_MS: positiveInt.default(1000),
  WEBHOOK_CONCURRENCY: positiveInt.default(4),
  // Audit streams to a SIEM (docs/audit-log.md, "Streaming to a SIEM").
  AUDIT_STREAM_FILE_DIR: z.string().min(1).default('.data/audit/streams'),
  AUDIT_STREAM_POLL_MS: positiveInt.default(1000),
  AUDIT_STREAM_RETRY_BASE_MS: positiveInt.default(1000),
  AUDIT_STREAM_RETRY_MAX_MS: positiveInt.default(300000),
  // --- Auth (docs/auth.md) ---
  REGISTRATION_OPEN: booleanString.default('true'),
  JWT_ISSUER: z.string().min(1).default('tasktrackr'),
  JWT_AUDIENCE: z.string().min(1).default('tasktrackr-api'),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
  JWT_PRIVATE_KEY: z.string().default(''),
  JWT_PRIVATE_KEY_FILE: z.string().default(''),
  JWT_PREVIOUS_PUBLIC_KEYS_FILE: z.string().default(''),
  JWT_KEY_DIR: z.string().min(1).default('.data/jwt'),
  SESSION_IDLE_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  SESSION_ABSOLUTE_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).default(5),
  REFRESH_COOKIE_SECURE: booleanString.default('true'),
  // At most a second: the freshness bound of docs/auth.md rests on it. 0 turns the cache off.
  PRINCIPAL_CACHE_TTL_MS: z.coerce.number().int().min(0).max(1000).default(1000),
  THROTTLE_TTL_SECONDS: positiveInt.default(60),
  THROTTLE_LIMIT: positiveInt.default(600),
  // Hits of THROTTLE_LIMIT a process leases from Redis at once (docs/auth.md "Rate limits").
  THROTTLE_LEASE_MAX: positiveInt.default(25),
  THROTTLE_AUTH_TTL_SECONDS: positiveInt.default(60),
  THROTTLE_AUTH_LIMIT_PER_IP: positiveInt.default(30),
  THROTTLE_AUTH_LIMIT_PER_EMAIL: positiveInt.default(10),
  // --- Password hashing (docs/auth.md): argon2id, OWASP's second configuration ---
  PASSWORD_HASH_MEMORY_KIB: z.coerce.number().int().min(8192).default(19456),
  PASSWORD_HASH_TIME_COST: z.coerce.number().int().min(1).default(2),
  PASSWORD_HASH_PARALLELISM: z.coerce.number().int().min(1).default(1),
  // Half the cores (at least 1), so hashing never holds every core the event loop needs.
  PASSWORD_HASH_CONCURRENCY: positiveInt.default(
    Math.max(1, Math.floor(availableParallelism() / 2)),
  ),
  PASSWORD_HASH_QUEUE_MAX: z.coerce.number().int().min(0).default(16),
});

/** The validated configuration; QUEUE_PREFIX always holds a value (set or derived). */
export type Env = Omit<z.infer<typeof envSchema>, 'QUEUE_PREFIX'> & { QUEUE_PREFIX: string };
