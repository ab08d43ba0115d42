import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/** The id of the request whose code is running, for log lines written inside it. */
const currentRequestId = new AsyncLocalStorage<string>();

/**
 * Runs the rest of each request inside its id. Entered twice: at `onRequest` for the hooks and
 * framework errors, and again at `preHandler` because reading a body runs in the socket's
 * callbacks, which do not carry the scope entered before it.
 */
export function scopeLogsToRequests(fastify: FastifyInstance): void {
  const enter = (request: { id: string }, _reply: unknown, done: () => void) =>
    currentRequestId.run(request.id, done);
  fastify.addHook('onRequest', enter);
  fastify.addHook('preHandler', enter);
}

/**
 * pino's `mixin`: adds `reqId` to every line written inside a request, with no child logger per
 * request. pino merges into the returned object, so it must be a fresh one each time.
 */
export function requestIdMixin(): { reqId?: string } {
  const reqId = currentRequestId.getStore();
  return reqId === undefined ? {} : { reqId };
}
