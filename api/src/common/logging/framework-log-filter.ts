import type { LoggerService } from '@nestjs/common';

/**
 * Nest's start-up inventory: one line per module and per route (69 of the first 85 lines).
 * Useful when debugging routing, noise otherwise.
 */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** The app's logger, with Nest's start-up inventory moved from `info` down to `debug`. */
export class FrameworkLogFilter implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && CHATTY_CONTEXTS.has(context) && this.inner.debug) {
      this.inner.debug(message, ...params);
    } else {
      this.inner.log(message, ...params);
    }
  }

  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.inner.fatal?.(message, ...params);
  }
}
