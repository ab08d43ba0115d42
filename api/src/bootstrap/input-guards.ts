import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findUnsafeStrings, jsonDepthExceeds, MAX_JSON_DEPTH } from '../common/input/hostile-input';
import { problemTypeFor, slugForStatus } from '../common/problem/problem-types';
import { sendProblem } from '../common/problem/send-problem';
import { STATUS_TITLES } from '../common/problem/status-titles';
import { invalidFields } from '../common/problem/validation-errors';

/**
 * Input hardening at the edge, once for every route (DESIGN §2): a JSON body nested deeper
 * than `MAX_JSON_DEPTH` is refused before it is parsed, and NUL or a lone UTF-16 surrogate in
 * any string of the body (keys too, at any depth), the query string or the path parameters is
 * a 400 validation problem naming the field, before validation, guards or SQL see it.
 * (Node's HTTP parser already refuses NUL in header values.)
 */
export function registerInputGuards(fastify: FastifyInstance): void {
  // Fastify's own JSON parser (same proto-poisoning rules), behind a linear depth scan.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string, done) => {
      if (jsonDepthExceeds(body)) {
        const message = `must not nest arrays or objects more than ${MAX_JSON_DEPTH} levels deep`;
        done(invalidFields([{ path: '(body)', message }], `The JSON body ${message}.`), undefined);
        return;
      }
      void parseJson(request, body, done);
    },
  );

  fastify.addHook('preValidation', (request, _reply, done) => {
    const errors = [
      ...findUnsafeStrings(request.params),
      ...findUnsafeStrings(request.query),
      ...findUnsafeStrings(request.body),
    ];
    done(errors.length > 0 ? invalidFields(errors) : undefined);
  });
}

/**
 * An `OPTIONS` request without `Origin` is no CORS preflight: a 400 problem. CORS runs first (Nest
 * runs its hook ahead of ours) with `strictPreflight` off, so it leaves such a request alone
 * instead of answering 400 in text/plain. Answered here rather than thrown, because CORS's own
 * `OPTIONS *` route predates Nest's error handler and would render a thrown error as plain JSON.
 */
export function refuseInvalidPreflights(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'OPTIONS') return;
    if (typeof request.headers.origin === 'string') return;
    sendProblem(reply, {
      type: problemTypeFor(slugForStatus(400)),
      title: STATUS_TITLES[400] ?? 'Bad Request',
      status: 400,
      detail: 'Not a CORS preflight: it lacks an Origin header.',
      instance: request.url.slice(0, 2048),
      requestId: request.id,
      errors: [{ path: 'headers.origin', message: 'is required for a preflight' }],
    });
    return reply;
  });
}
