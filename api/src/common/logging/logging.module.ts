import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  Logger as NestPinoLogger,
  PARAMS_PROVIDER_TOKEN,
  type Params,
  PinoLogger,
} from 'nestjs-pino';
import type { Logger } from 'pino';
import { Env } from '../../config/env.schema';
import { prettyStream, wantsPrettyLogs } from './log-format';
import { createRootLogger } from './root-logger';

/** The process's pino logger (root-logger.ts), for the request lines (request-log.ts). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * pino logs with one request id per request, flowing into errors and audit: JSON, or readable
 * lines (pino-pretty) at a development terminal. nestjs-pino's `Logger` stays Nest's logger, but
 * over our root logger and without its `LoggerModule`, whose pino-http middleware built child
 * loggers for every request; the request line and id come from Fastify hooks instead.
 */
@Global()
@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [ConfigService],
      useFactory: async (config: ConfigService<Env, true>): Promise<Logger> => {
        const pretty = wantsPrettyLogs(
          config.get('NODE_ENV', { infer: true }),
          process.stdout.isTTY === true,
        )
          ? await prettyStream()
          : undefined;
        return createRootLogger(config.get('LOG_LEVEL', { infer: true }), pretty);
      },
    },
    {
      // nestjs-pino's loggers take a ready logger this way (its `isPassedLogger`).
      provide: PARAMS_PROVIDER_TOKEN,
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger): Params => ({ pinoHttp: { logger } }),
    },
    PinoLogger,
    NestPinoLogger,
  ],
  exports: [ROOT_LOGGER, PinoLogger, NestPinoLogger],
})
export class LoggingModule {}
