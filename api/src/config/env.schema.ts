import { z } from 'zod';

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
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

/** `false`, `true`, a hop count, or a comma list of addresses/subnets/presets, as Express takes it. */
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

const bodyLimit = z
  .string()
  .trim()
  .regex(/^\d+(b|kb|mb)$/i, 'must be a size like 100kb or 1mb');

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
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, 'may hold only letters, digits, - and _')
    .default('tasktrackr'),
  CORS_ORIGINS: originList.default(''),
  TRUST_PROXY: trustProxy.default('false'),
  BODY_LIMIT: bodyLimit.default('100kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEALTH_CHECK_TIMEOUT_MS: positiveInt.default(1500),
  SWAGGER_UI_ENABLED: booleanString.default('true'),
  SHUTDOWN_GRACE_MS: positiveInt.default(10000),
});

export type Env = z.infer<typeof envSchema>;
