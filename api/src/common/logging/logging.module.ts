import { Module, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../../config/env.schema';
import { prettyStream, wantsPrettyLogs } from './log-format';
import { requestLogOptions } from './request-log';

/**
 * pino logs with one request id per request, flowing into errors and audit: JSON, or readable
 * lines (pino-pretty) at a development terminal. One line per request (request-log.ts).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: async (config: ConfigService<Env, true>) => {
        const options = requestLogOptions(config.get('LOG_LEVEL', { infer: true }));
        const pretty = wantsPrettyLogs(
          config.get('NODE_ENV', { infer: true }),
          process.stdout.isTTY === true,
        )
          ? await prettyStream()
          : undefined;
        return {
          // Every route, in Nest 11's path syntax (nestjs-pino's default `*` logs a conversion
          // warning at each start).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: pretty ? [options, pretty] : options,
        };
      },
    }),
  ],
})
export class LoggingModule {}
