import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

const PROBE_OR_SCRAPE = /^\/(api\/v1\/health\/|metrics(\?|$))/;

/**
 * Probes and scrapes every few seconds would drown the log. Judged on the full path (`url` may
 * have lost the global prefix where a framework shortened it, `originalUrl` never does).
 */
export function isProbeOrScrape(req: { url?: string; originalUrl?: string }): boolean {
  return PROBE_OR_SCRAPE.test(req.originalUrl ?? req.url ?? '');
}

/** A 503 (busy, or a dependency restarting) is a condition to watch, not a bug. */
export function requestLogLevel(statusCode: number): Level {
  if (statusCode >= 500 && statusCode !== 503) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

/**
 * The line's fields: method, path, status, duration, request id and (when known) user id;
 * headers only when `withHeaders` (debug or trace), credentials in them redacted by the logger.
 */
function requestLine(request: FastifyRequest, reply: FastifyReply, withHeaders: boolean) {
  const principal = (request as { principal?: { userId?: string } }).principal;
  const status = reply.statusCode;
  return {
    reqId: request.id,
    req: {
      method: request.method,
      url: request.url,
      ...(withHeaders ? { headers: request.headers } : {}),
    },
    ...(principal?.userId ? { userId: principal.userId } : {}),
    res: { statusCode: status, ...(withHeaders ? { headers: reply.getHeaders() } : {}) },
    // The form earlier lines had (pino-http's), which log readers match on.
    ...(status >= 500
      ? { err: { type: 'Error', message: `failed with status code ${status}` } }
      : {}),
    responseTime: Math.round(reply.elapsedTime),
  };
}

/**
 * One line per request, written by the root logger from Fastify's `onResponse`: nothing is built
 * per request unless the line is written (no child logger, no Express middleware shim).
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = requestLogLevel(reply.statusCode);
    if (logger.isLevelEnabled(level) && !isProbeOrScrape(request)) {
      const line = requestLine(request, reply, logger.isLevelEnabled('debug'));
      const outcome = line.err ? `failed: ${line.err.message}` : `${line.responseTime}ms`;
      logger[level](line, `${request.method} ${request.url} ${reply.statusCode} ${outcome}`);
    }
    done();
  });
  // A client that hangs up before the answer gets no onResponse: say so, as a warning.
  fastify.addHook('onRequestAbort', (request, done) => {
    if (logger.isLevelEnabled('warn') && !isProbeOrScrape(request)) {
      logger.warn(
        { reqId: request.id, req: { method: request.method, url: request.url }, aborted: true },
        `${request.method} ${request.url} aborted by the client`,
      );
    }
    done();
  });
}
