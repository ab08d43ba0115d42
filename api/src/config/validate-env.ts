import { Env, envSchema } from './env.schema';
import { defaultQueuePrefix } from './queue-prefix';

/** Raised when the environment does not satisfy the schema; names every bad variable. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      [
        'Invalid environment configuration (see .env.example):',
        ...problems.map((problem) => `  - ${problem.variable} ${problem.message}`),
      ].join('\n'),
    );
    this.name = 'InvalidEnvironmentError';
  }
}

/**
 * Parses raw environment variables into typed config. Values are never echoed back in the
 * error, since some (DATABASE_URL, REDIS_URL) may carry credentials.
 */
export function validateEnv(raw: Record<string, unknown>): Env {
  const result = envSchema.safeParse(raw);
  if (result.success) {
    const { QUEUE_PREFIX, ...env } = result.data;
    return { ...env, QUEUE_PREFIX: QUEUE_PREFIX || defaultQueuePrefix(env.DATABASE_URL) };
  }
  throw new InvalidEnvironmentError(
    result.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(environment)',
      message:
        issue.code === 'invalid_type' && raw[String(issue.path[0])] === undefined
          ? 'is required'
          : issue.message,
    })),
  );
}
