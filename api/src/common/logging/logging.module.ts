import { Module, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../../config/env.schema';
import { requestIdFor } from './request-id';

/** Paths never written to logs: credentials and session material (ASVS V16). */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.refreshToken',
  '*.accessToken',
];

const PROBE_OR_SCRAPE = /^\/(api\/v1\/health\/|metrics(\?|$))/;

/**
 * Probes and scrapes every few seconds would drown the log. Judged on the full path: the
 * middleware is mounted under the global prefix, which shortens `url` but not `originalUrl`.
 */
export function isProbeOrScrape(req: { url?: string; originalUrl?: string }): boolean {
  return PROBE_OR_SCRAPE.test(req.originalUrl ?? req.url ?? '');
}

/** Structured JSON logs (pino) with one request id per request, flowing into errors and audit. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        // Every route, in Nest 11's path syntax (nestjs-pino's default `*` logs a conversion
        // warning at each start).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          // Fastify already chose the id (`genReqId`); middie copies it onto the raw request.
          genReqId: (req) => (typeof req.id === 'string' ? req.id : requestIdFor(req)),
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          autoLogging: { ignore: isProbeOrScrape },
          customLogLevel: (_req, res, err) =>
            err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          timestamp: () => `,"time":"${new Date().toISOString()}"`,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
