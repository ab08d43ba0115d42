import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type {
  Resolvable,
  ThrottlerGenerateKeyFunction,
  ThrottlerGetTrackerFunction,
  ThrottlerOptions,
} from '@nestjs/throttler';
// Not re-exported by the package's index; documented-routes.ts reads THROTTLER_SKIP the same way.
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';

type CommonOptions = Pick<
  ThrottlerOptions,
  'skipIf' | 'ignoreUserAgents' | 'getTracker' | 'generateKey' | 'setHeaders'
>;

/** The headers one named limit writes, named once: `ThrottlerGuard` builds them per request. */
export interface ThrottlerHeaderNames {
  limit: string;
  remaining: string;
  reset: string;
  retryAfter: string;
}

/**
 * One named limit as it applies to one route: what `ThrottlerGuard.canActivate` reads from the
 * route's and class's metadata on every request (six reflector lookups per limit), read once.
 * `limit`, `ttl` and `blockDuration` stay functions when configured as functions: those are
 * resolved per request, as the library does.
 */
export interface RouteThrottler {
  throttler: ThrottlerOptions & { name: string };
  skipIf: ((context: ExecutionContext) => boolean) | undefined;
  limit: Resolvable<number>;
  ttl: Resolvable<number>;
  /** Undefined: the resolved `ttl`, as in the library. */
  blockDuration: Resolvable<number> | undefined;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
  ignoreUserAgents: RegExp[] | undefined;
  setHeaders: boolean;
  headers: ThrottlerHeaderNames;
}

/** `ThrottlerGuard`'s header names for a limit: no suffix for `default`, `-<name>` otherwise. */
export function headerNames(prefix: string, name: string): ThrottlerHeaderNames {
  const suffix = name === 'default' ? '' : `-${name}`;
  return {
    limit: `${prefix}-Limit${suffix}`,
    remaining: `${prefix}-Remaining${suffix}`,
    reset: `${prefix}-Reset${suffix}`,
    retryAfter: `Retry-After${suffix}`,
  };
}

/**
 * The limits a route is under, in the guard's order, with the same precedence as
 * `ThrottlerGuard.canActivate` (route or class metadata, then the named limit's option, then the
 * common option). Limits skipped by `@SkipThrottle` are left out; `skipIf` stays a per-request
 * check, since it may look at the request.
 */
export function routeThrottlers(
  reflector: Reflector,
  throttlers: ReadonlyArray<ThrottlerOptions>,
  common: CommonOptions,
  headerPrefix: string,
  targets: [
    handler: (...args: never[]) => unknown,
    classRef: abstract new (...args: never[]) => unknown,
  ],
): RouteThrottler[] {
  const read = <T>(key: string, name: string) =>
    reflector.getAllAndOverride<T | undefined>(key + name, targets);
  const route: RouteThrottler[] = [];
  for (const options of throttlers) {
    // onModuleInit has named every limit ('default' when unnamed).
    const throttler = options as ThrottlerOptions & { name: string };
    const name = throttler.name;
    if (read<boolean>(THROTTLER_SKIP, name)) continue;
    route.push({
      throttler,
      skipIf: throttler.skipIf ?? common.skipIf,
      limit: read<Resolvable<number>>(THROTTLER_LIMIT, name) ?? throttler.limit,
      ttl: read<Resolvable<number>>(THROTTLER_TTL, name) ?? throttler.ttl,
      blockDuration:
        read<Resolvable<number>>(THROTTLER_BLOCK_DURATION, name) ?? throttler.blockDuration,
      getTracker: (read<ThrottlerGetTrackerFunction>(THROTTLER_TRACKER, name) ||
        throttler.getTracker ||
        common.getTracker) as ThrottlerGetTrackerFunction,
      generateKey: (read<ThrottlerGenerateKeyFunction>(THROTTLER_KEY_GENERATOR, name) ||
        throttler.generateKey ||
        common.generateKey) as ThrottlerGenerateKeyFunction,
      ignoreUserAgents: throttler.ignoreUserAgents ?? common.ignoreUserAgents,
      setHeaders: throttler.setHeaders ?? common.setHeaders ?? true,
      headers: headerNames(headerPrefix, name),
    });
  }
  return route;
}
