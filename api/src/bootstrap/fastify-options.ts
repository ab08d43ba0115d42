import type { FastifyServerOptions } from 'fastify';
import { requestIdFor } from '../common/logging/request-id';
import type { Env } from '../config/env.schema';
import { clientErrorHandler, frameworkErrors } from './framework-errors';

/**
 * Options Fastify takes only at construction, so they are read from the validated environment
 * before Nest builds the app (ADR 0001 explains why Fastify).
 */
export function fastifyServerOptions(
  env: Pick<Env, 'TRUST_PROXY' | 'BODY_LIMIT'>,
): FastifyServerOptions {
  return {
    trustProxy: env.TRUST_PROXY,
    bodyLimit: env.BODY_LIMIT,
    // The id is ours (validated or minted), never Fastify's counter; `X-Request-Id` is read there.
    genReqId: requestIdFor,
    // `/api/v1/tasks/` answers like `/api/v1/tasks`, as clients and proxies expect.
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
    // 431 and other errors of Node's HTTP parser, as problems too.
    clientErrorHandler,
  };
}
