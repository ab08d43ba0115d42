import { Module } from '@nestjs/common';
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

/** Structured JSON logs (pino) with one request id per request, flowing into errors and audit. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          // Fastify already chose the id (`genReqId`); middie copies it onto the raw request.
          genReqId: (req) => (typeof req.id === 'string' ? req.id : requestIdFor(req)),
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          // Probes and scrapes every few seconds would drown the log.
          autoLogging: {
            ignore: (req) => /^\/(api\/v1\/health\/|metrics)/.test(req.url ?? ''),
          },
          customLogLevel: (_req, res, err) =>
            err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          timestamp: () => `,"time":"${new Date().toISOString()}"`,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
