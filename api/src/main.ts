// First: tracing patches http, pg, ioredis and fastify as they are required (see register.ts).
import './common/telemetry/register';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { createHttpApp } from './bootstrap/create-http-app';
import { exitGracefullyOnSignals } from './bootstrap/graceful-shutdown';
import { stopTracing } from './common/telemetry/start-tracing';
import { Env } from './config/env.schema';
import { InvalidEnvironmentError, validateEnv } from './config/validate-env';

export interface BootstrapOptions {
  /** Runs after a signal closed the app, before the process exits (the dev launcher's services). */
  onClosed?: () => Promise<void>;
}

/**
 * Starts the process in the role APP_ROLE names: HTTP API, queue worker, or both. Resolves with
 * the URL it serves on.
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<string> {
  const env = readEnvOrExit();
  const app = await createHttpApp({ role: env.APP_ROLE });
  // Buffered spans leave after the app closed (its last requests and jobs included).
  const onClosed = async () => {
    await options.onClosed?.();
    await stopTracing();
  };
  exitGracefullyOnSignals(app, env.SHUTDOWN_GRACE_MS, onClosed, env.SHUTDOWN_DRAIN_DELAY_MS);
  await app.listen(env.PORT, env.HOST);
  const serves = env.APP_ROLE === 'worker' ? 'probes and /metrics' : 'the API';
  const url = await app.getUrl();
  new Logger('Bootstrap').log(`${env.APP_ROLE} role serving ${serves} on ${url}`);
  return url;
}

function readEnvOrExit(): Env {
  // A .env file beside the process fills in what the environment does not set.
  if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
  try {
    return validateEnv(process.env);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

if (require.main === module) {
  bootstrap().catch((error: unknown) => {
    process.stderr.write(
      `TaskTrackr failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
