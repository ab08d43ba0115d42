import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem-details';

/** Writes `problem` as the response: its status, extra headers, and the problem+json body. */
export function sendProblem(
  reply: FastifyReply,
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): void {
  void reply
    .status(problem.status)
    .headers(headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
