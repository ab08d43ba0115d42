import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../api/src/app.module';

/**
 * The app's services without HTTP, for CLIs that must go through them (user:create, seed:demo:
 * same rules, same audit outbox). Nest's own logging is off and a failed boot rejects instead of
 * aborting the process, so the CLI reports it in one line.
 */
export function createCliAppContext(): Promise<INestApplicationContext> {
  if (process.env.NODE_ENV !== 'production' && !process.env.LOG_LEVEL) {
    process.env.LOG_LEVEL = 'warn';
  }
  return NestFactory.createApplicationContext(AppModule.forRoot({ role: 'api' }), {
    logger: false,
    abortOnError: false,
  });
}
