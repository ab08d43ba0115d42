import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Options } from 'pino-http';
import { requestIdFor } from './request-id';

/** Set on the raw request once the caller is known, so the request's log line can name them. */
const LOGGED_USER_ID = Symbol('loggedUserId');

type LoggedRequest = IncomingMessage & {
  id?: unknown;
  originalUrl?: string;
  [LOGGED_USER_ID]?: string;
};

/** Paths never written to logs: credentials and session material (ASVS V16). */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
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

const pathOf = (req: LoggedRequest) => req.originalUrl ?? req.url ?? '';

/**
 * pino-http's options for the one line per request: at `info` it holds method, path, status,
 * duration, request id and (when known) user id; headers are added only when the level is
 * `debug` or `trace`, and credentials in them are always redacted.
 */
export function requestLogOptions(level: string): Options<LoggedRequest, ServerResponse> {
  const withHeaders = level === 'debug' || level === 'trace';
  return {
    level,
    // Fastify already chose the id (`genReqId`); middie copies it onto the raw request.
    genReqId: (req) => (typeof req.id === 'string' ? req.id : requestIdFor(req)),
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    autoLogging: { ignore: isProbeOrScrape },
    // A 503 (busy, or a dependency restarting) is a condition to watch, not a bug.
    customLogLevel: (_req, res, err) =>
      err || (res.statusCode >= 500 && res.statusCode !== 503)
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : 'info',
    // Log lines written inside a request carry its id only, not the whole request again.
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: {
      // The id is the line's `reqId` already (quietReqLogger).
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: pathOf(req),
        ...(withHeaders ? { headers: req.headers } : {}),
      }),
      res: (res: ServerResponse) => ({
        statusCode: res.statusCode,
        ...(withHeaders ? { headers: res.getHeaders() } : {}),
      }),
    },
    customProps: (req) => {
      const userId = req[LOGGED_USER_ID];
      return userId ? { userId } : {};
    },
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res, error) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} failed: ${error.message}`,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/**
 * The authentication guard puts the caller on Fastify's request; copy their id to the raw one
 * pino-http sees, before the response (and so its log line) is written.
 */
export function logUserIds(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    const principal = (request as { principal?: { userId?: string } }).principal;
    if (principal?.userId) rememberUserIdForLog(request.raw, principal.userId);
    done(null, payload);
  });
}

/** Names the caller in the log line of the request `raw` (the one pino-http sees). */
export function rememberUserIdForLog(raw: IncomingMessage, userId: string): void {
  (raw as LoggedRequest)[LOGGED_USER_ID] = userId;
}
