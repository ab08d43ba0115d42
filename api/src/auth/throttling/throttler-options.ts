import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { Env } from '../../config/env.schema';
import type { Principal } from '../../common/access/principal';
import { FallbackThrottlerStorage } from './fallback-throttler-storage';
import { LeasedThrottlerStorage } from './leased-throttler-storage';
import { ThrottlerStorageRouter } from './throttler-storage-router';
import { STRICT_THROTTLE_KEY } from '../../common/throttling/strict-throttle.decorator';
import { RouteMetadataMemo } from '../../common/access/route-metadata-memo';

type ThrottledRequest = FastifyRequest & { principal?: Principal };

function requestOf(context: ExecutionContext): ThrottledRequest {
  return context.getArgByIndex<ThrottledRequest>(0);
}

/** Per route: asked twice on every request, and a handler's metadata does not change. */
const strictRoutes = new RouteMetadataMemo<boolean>(
  (handler) => Reflect.getMetadata(STRICT_THROTTLE_KEY, handler) === true,
);

function isStrict(context: ExecutionContext): boolean {
  return strictRoutes.get(context.getHandler(), context.getClass());
}

function submittedEmail(request: ThrottledRequest): string | undefined {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : undefined;
}

function ipOf(request: ThrottledRequest): string {
  return request.ip || 'unknown';
}

/**
 * Three limits, counted in Redis so they hold across replicas (per process while Redis is
 * unreachable: see FallbackThrottlerStorage); keys live under
 * `<QUEUE_PREFIX>:throttle:` and are per caller, not per route:
 * - `default`: every route, per user when signed in, else per IP; leased from Redis a few hits
 *   at a time (LeasedThrottlerStorage), so most requests make no Redis round trip;
 * - `authIp` and `authEmail`: `@StrictThrottle()` routes, per IP and per submitted email; one
 *   Redis round trip per attempt, exact: they are rare, and guessing is what they stop.
 */
export function throttlerOptions(
  env: Pick<
    Env,
    | 'QUEUE_PREFIX'
    | 'THROTTLE_TTL_SECONDS'
    | 'THROTTLE_LIMIT'
    | 'THROTTLE_LEASE_MAX'
    | 'THROTTLE_AUTH_TTL_SECONDS'
    | 'THROTTLE_AUTH_LIMIT_PER_IP'
    | 'THROTTLE_AUTH_LIMIT_PER_EMAIL'
  >,
  redis: Redis,
): ThrottlerModuleOptions {
  const authTtl = env.THROTTLE_AUTH_TTL_SECONDS * 1000;
  return {
    storage: new FallbackThrottlerStorage(
      new ThrottlerStorageRouter(
        { default: new LeasedThrottlerStorage(redis, env.THROTTLE_LEASE_MAX) },
        new ThrottlerStorageRedisService(redis),
      ),
    ),
    generateKey: (_context, tracker, name) => `${env.QUEUE_PREFIX}:throttle:${name}:${tracker}`,
    throttlers: [
      {
        name: 'default',
        ttl: env.THROTTLE_TTL_SECONDS * 1000,
        limit: env.THROTTLE_LIMIT,
        getTracker: (_request, context) => {
          const request = requestOf(context);
          return request.principal ? `user:${request.principal.userId}` : `ip:${ipOf(request)}`;
        },
      },
      {
        name: 'authIp',
        ttl: authTtl,
        limit: env.THROTTLE_AUTH_LIMIT_PER_IP,
        skipIf: (context) => !isStrict(context),
        getTracker: (_request, context) => ipOf(requestOf(context)),
      },
      {
        name: 'authEmail',
        ttl: authTtl,
        limit: env.THROTTLE_AUTH_LIMIT_PER_EMAIL,
        skipIf: (context) => !isStrict(context) || !submittedEmail(requestOf(context)),
        // Hashed: the key should not carry an address in clear.
        getTracker: (_request, context) =>
          createHash('sha256')
            .update(submittedEmail(requestOf(context)) ?? '')
            .digest('base64url'),
      },
    ],
  };
}
