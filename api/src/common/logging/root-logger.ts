import pino, { type DestinationStream, type Logger } from 'pino';
import { activeTraceFields } from '../telemetry/trace-fields';
import { requestIdMixin } from './request-scope';

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

/**
 * The one pino logger of the process: Nest's logger, the request lines and everything else
 * write through it. Lines written inside a request get its `reqId` from the mixin, and lines
 * written inside a trace its `trace_id` and `span_id` (docs/operations.md, "Tracing").
 */
export function createRootLogger(level: string, stream?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    mixin: logContextMixin,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
  return stream ? pino(options, stream) : pino(options);
}

/** pino's `mixin`: the request id and the span of the code writing the line. */
function logContextMixin(): object {
  return { ...requestIdMixin(), ...activeTraceFields() };
}
