import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../common/problem/problem-details';
import { problemTypeFor, slugForStatus } from '../common/problem/problem-types';
import { sendProblem } from '../common/problem/send-problem';
import { STATUS_TITLES } from '../common/problem/status-titles';

/** Statuses Fastify gives its own pre-routing errors; anything else is a 400. */
const FRAMEWORK_STATUSES: Readonly<Record<string, number>> = {
  FST_ERR_BAD_URL: 400,
  FST_ERR_MAX_PARAM_LENGTH: 414,
};

const FRAMEWORK_DETAILS: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: 'The request URL is not valid (malformed percent-encoding).',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment of the request URL is too long.',
};

/**
 * Errors Fastify meets before routing (a URL with broken percent-encoding, an over-long path
 * parameter), which never reach Nest's exception filter: answered as problems with the request id.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = FRAMEWORK_STATUSES[error.code] ?? 400;
  const problem: ProblemDetails = {
    type: problemTypeFor(slugForStatus(status)),
    title: STATUS_TITLES[status] ?? 'Bad Request',
    status,
    detail: FRAMEWORK_DETAILS[error.code] ?? 'The request could not be routed.',
    instance: request.url.slice(0, 2048),
    requestId: request.id,
  };
  // Raised before the onRequest hook that echoes the id on every other response.
  sendProblem(reply, problem, { 'X-Request-Id': request.id });
}

/**
 * Errors Node's HTTP parser raises before there is a request (headers too large, a timeout, a
 * malformed request line): written straight to the socket as a problem, with a fresh request id
 * (there was no request to take one from), then the connection is closed as Node would.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const requestId = randomUUID();
  const problem: ProblemDetails = {
    type: problemTypeFor(slugForStatus(status)),
    title: STATUS_TITLES[status] ?? 'Bad Request',
    status,
    detail:
      status === 431
        ? 'The request headers (or the URL) are larger than the server accepts.'
        : status === 408
          ? 'The request was not received in time.'
          : 'The request is not valid HTTP.',
    requestId,
  };
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${problem.title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
