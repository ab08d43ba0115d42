import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemDetails } from '../common/problem/problem-details';
import { problemTypeFor, slugForStatus } from '../common/problem/problem-types';
import { sendProblem } from '../common/problem/send-problem';
import { STATUS_TITLES } from '../common/problem/status-titles';

/**
 * Errors Fastify meets before routing (a URL with broken percent-encoding), which never reach
 * Nest's exception filter: answered as the same 400 problem, with the request id.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem: ProblemDetails = {
    type: problemTypeFor(slugForStatus(400)),
    title: STATUS_TITLES[400] ?? 'Bad Request',
    status: 400,
    detail:
      error.code === 'FST_ERR_BAD_URL'
        ? 'The request URL is not valid (malformed percent-encoding).'
        : 'The request could not be routed.',
    instance: request.url.slice(0, 2048),
    requestId: request.id,
  };
  // Raised before the onRequest hook that echoes the id on every other response.
  sendProblem(reply, problem, { 'X-Request-Id': request.id });
}
