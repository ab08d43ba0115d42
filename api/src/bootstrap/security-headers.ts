import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { recordHeaderWrites } from './header-writes';

/**
 * Helmet's headers on every response. @fastify/helmet rebuilds the helmet middleware
 * (re-parsing the CSP directives) inside each request and adds an async hook besides: about 9 %
 * of the CPU of a request that reaches no database (docs/benchmarks.md, "Request path
 * profile"). Helmet's answer does not depend on the request unless a CSP directive is a
 * function (a nonce), so it is recorded once at start-up and replayed: the same `setHeader` and
 * `removeHeader` calls on the raw response, in the same order, with the same names' case (so a
 * later `reply.header()`, e.g. the admin UI's own CSP, still overrides them), without running
 * helmet's middleware chain per request (docs/benchmarks.md, step 8).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const apply = helmet(options);
  if (hasRequestDependentDirective(options)) {
    fastify.addHook('onRequest', (request, reply, done) => {
      apply(request.raw, reply.raw, (error?: unknown) =>
        done(error instanceof Error ? error : undefined),
      );
    });
    return;
  }
  const replay = recordHeaderWrites(apply);
  fastify.addHook('onRequest', (_request, reply, done) => {
    replay(reply.raw);
    done();
  });
}

/** A CSP directive given as a function (a per-request nonce) makes helmet's answer vary. */
function hasRequestDependentDirective(options: HelmetOptions): boolean {
  const csp = options.contentSecurityPolicy;
  if (typeof csp !== 'object' || csp === null || csp.directives === undefined) return false;
  return Object.values(csp.directives).some(
    (value) =>
      typeof value === 'function' ||
      (Array.isArray(value) && value.some((entry) => typeof entry === 'function')),
  );
}
