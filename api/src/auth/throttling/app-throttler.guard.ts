import { ExecutionContext, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Resolvable, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../../common/problem/problem.exception';
import { AUTH_RULE_KEY, AuthRule } from '../../common/access/auth-rule';
import { RouteMetadataMemo } from '../../common/access/route-metadata-memo';
import { STRICT_THROTTLE_KEY } from '../../common/throttling/strict-throttle.decorator';
import { RouteThrottler, routeThrottlers } from './route-throttlers';

type Handler = Parameters<typeof routeThrottlers>[4][0];
type ClassRef = Parameters<typeof routeThrottlers>[4][1];
type HttpRequest = { headers: Record<string, string | string[] | undefined> };

/**
 * The global rate limiter (after the auth guard, so it can key by user). Over the limit it
 * answers a 429 problem with `Retry-After`. Redis outages are absorbed by the storage (it counts
 * per process meanwhile); should the store fail otherwise, the request is refused with a 503
 * problem instead of letting unlimited traffic through (fail closed) - except on
 * public, non-credential routes (health probes, metrics, JWKS), which must keep answering so
 * orchestration sees the real state (readiness then reports Redis down itself).
 *
 * It admits, counts and answers exactly as `ThrottlerGuard.canActivate` + `handleRequest` do
 * (same limits in the same order, same keys, same headers), but reads each route's throttler
 * metadata once per handler and class instead of six reflector lookups per limit per request,
 * names the headers once, and awaits a tracker only when it is a promise.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  private readonly failures = new Logger('Throttler');
  /** The limits of each handler and class, read from their metadata on the first request. */
  private readonly routes = new RouteMetadataMemo<RouteThrottler[]>((handler, classRef) =>
    routeThrottlers(this.reflector, this.throttlers, this.commonOptions, this.headerPrefix, [
      handler as Handler,
      classRef as ClassRef,
    ]),
  );

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    try {
      return await this.throttle(context);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.failures.warn(`Rate-limit store unavailable: ${(error as Error).message}`);
      if (this.isProbeLike(context)) return true;
      throw new ProblemException({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        slug: 'rate-limiter-unavailable',
        title: 'Service unavailable',
        detail: 'Rate limiting is unavailable, so the request was refused. Try again shortly.',
        headers: { 'Retry-After': '5' },
      });
    }
  }

  private async throttle(context: ExecutionContext): Promise<boolean> {
    // ThrottlerGuard.shouldSkip (always false) is not overridden here, so not consulted.
    for (const route of this.routeOf(context)) {
      if (route.skipIf?.(context)) continue;
      await this.count(context, route);
    }
    return true;
  }

  /** `ThrottlerGuard.handleRequest` for one limit, with the route's settings already read. */
  private async count(context: ExecutionContext, route: RouteThrottler): Promise<void> {
    const { throttler, headers } = route;
    const req = context.getArgByIndex<HttpRequest>(0);
    const res = context.getArgByIndex<Record<string, unknown>>(1);
    if (route.ignoreUserAgents) {
      const agent = req.headers['user-agent'] as string;
      if (route.ignoreUserAgents.some((pattern) => pattern.test(agent))) return;
    }
    // Configured numbers are used as they are; only functions cost an await.
    const limitOrPromise = this.numberOf(context, route.limit, 'limit', throttler.name);
    const limit = typeof limitOrPromise === 'number' ? limitOrPromise : await limitOrPromise;
    const ttlOrPromise = this.numberOf(context, route.ttl, 'ttl', throttler.name);
    const ttl = typeof ttlOrPromise === 'number' ? ttlOrPromise : await ttlOrPromise;
    const blockOrPromise = this.numberOf(
      context,
      route.blockDuration ?? ttl,
      'blockDuration',
      throttler.name,
    );
    const blockDuration =
      typeof blockOrPromise === 'number' ? blockOrPromise : await blockOrPromise;
    const pending = route.getTracker(req, context);
    const tracker = typeof pending === 'string' ? pending : await pending;
    const key = route.generateKey(context, tracker, throttler.name);
    const { totalHits, timeToExpire, isBlocked, timeToBlockExpire } =
      await this.storageService.increment(key, ttl, limit, blockDuration, throttler.name);
    if (isBlocked) {
      if (route.setHeaders) this.setResponseHeader(res, headers.retryAfter, timeToBlockExpire);
      await this.throwThrottlingException(context, {
        limit,
        ttl,
        key,
        tracker,
        totalHits,
        timeToExpire,
        isBlocked,
        timeToBlockExpire,
      });
    }
    if (route.setHeaders) {
      this.setResponseHeader(res, headers.limit, limit);
      this.setResponseHeader(res, headers.remaining, Math.max(0, limit - totalHits));
      this.setResponseHeader(res, headers.reset, timeToExpire);
    }
  }

  private routeOf(context: ExecutionContext): RouteThrottler[] {
    return this.routes.get(context.getHandler(), context.getClass());
  }

  /** A number as configured, or the one a function returns; the library's check and message. */
  private numberOf(
    context: ExecutionContext,
    value: Resolvable<number>,
    option: string,
    name: string,
  ): number | Promise<number> {
    if (typeof value === 'number' && !Number.isNaN(value)) return value;
    return (async () => {
      const resolved: unknown = typeof value === 'function' ? await value(context) : value;
      const number =
        typeof resolved === 'string' && resolved.trim() !== '' ? Number(resolved) : resolved;
      if (typeof number !== 'number' || Number.isNaN(number)) {
        throw new Error(
          `Invalid "${option}" for the "${name}" throttler: expected a number, got ${JSON.stringify(resolved)}.`,
        );
      }
      return number;
    })();
  }

  private isProbeLike(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE_KEY, targets);
    const strict = this.reflector.getAllAndOverride<boolean | undefined>(
      STRICT_THROTTLE_KEY,
      targets,
    );
    const method = context.switchToHttp().getRequest<{ method: string }>().method;
    return rule?.public === true && !strict && (method === 'GET' || method === 'HEAD');
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException({
      status: HttpStatus.TOO_MANY_REQUESTS,
      slug: 'too-many-requests',
      title: 'Too many requests',
      detail: `Rate limit reached; retry after ${seconds} seconds.`,
      headers: { 'Retry-After': String(seconds) },
    });
  }
}
