import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/** The id of the request whose code is running, for log lines written inside it. */
const currentRequestId = new AsyncLocalStorage<string>();

/**
 * Runs the rest of each request (later hooks, body reading, Nest's handler) inside its id: the
 * one place the scope is entered, as nestjs-pino's middleware did at the same hook.
 */
export function scopeLogsToRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => currentRequestId.run(request.id, done));
}

/**
 * pino's `mixin`: adds `reqId` to every line written inside a request, with no child logger per
 * request. pino merges into the returned object, so it must be a fresh one each time.
 */
export function requestIdMixin(): { reqId?: string } {
  const reqId = currentRequestId.getStore();
  return reqId === undefined ? {} : { reqId };
}
