import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers on every response, from one middleware built at start-up. @fastify/helmet
 * rebuilds the helmet middleware (re-parsing the CSP directives) inside each request and adds
 * an async hook besides: about 9 % of the CPU of a request that reaches no database
 * (docs/benchmarks.md, "Request path profile"). Same headers, set the same way (on the raw
 * response, so a later `reply.header()`, e.g. the admin UI's own CSP, still overrides them).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const apply = helmet(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
}
