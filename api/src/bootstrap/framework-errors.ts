import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '../common/problem/problem-details';
import { problemTypeFor, slugForStatus } from '../common/problem/problem-types';
import { STATUS_TITLES } from '../common/problem/status-titles';

/**
 * Errors Fastify meets before routing (a URL with broken percent-encoding), which never reach
 * Nest's exception filter: answered as the same 400 problem, with the request id.
 */
export function frameworkErrors(
  _error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem: ProblemDetails = {
    type: problemTypeFor(slugForStatus(400)),
    title: STATUS_TITLES[400] ?? 'Bad Request',
    status: 400,
    detail: 'The request URL is not valid (malformed percent-encoding).',
    instance: request.url.slice(0, 2048),
    requestId: request.id,
  };
  void reply
    .status(400)
    .header('X-Request-Id', request.id)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
