import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { createHttpApp } from './bootstrap/create-http-app';
import { exitGracefullyOnSignals } from './bootstrap/graceful-shutdown';
import { Env } from './config/env.schema';
import { InvalidEnvironmentError, validateEnv } from './config/validate-env';

export interface BootstrapOptions {
  /** Runs after a signal closed the app, before the process exits (the dev launcher's services). */
  onClosed?: () => Promise<void>;
}

/** Starts the process in the role APP_ROLE names: HTTP API, queue worker, or both. */
export async function bootstrap(options: BootstrapOptions = {}): Promise<void> {
  const env = readEnvOrExit();
  if (env.APP_ROLE === 'worker') {
    const worker = await NestFactory.createApplicationContext(
      AppModule.forRoot({ role: 'worker' }),
      {
        bufferLogs: true,
      },
    );
    exitGracefullyOnSignals(worker, env.SHUTDOWN_GRACE_MS, options.onClosed);
    new Logger('Bootstrap').log('Worker started');
    return;
  }
  const app = await createHttpApp({ role: env.APP_ROLE });
  exitGracefullyOnSignals(app, env.SHUTDOWN_GRACE_MS, options.onClosed);
  await app.listen(env.PORT, env.HOST);
  new Logger('Bootstrap').log(`API (${env.APP_ROLE}) listening on ${await app.getUrl()}`);
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
