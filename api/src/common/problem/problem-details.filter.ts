import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestIdOf } from '../http/request-context';
import { isDatabaseUnavailable } from './database-unavailable';
import { ProblemDetails } from './problem-details';
import { ProblemException } from './problem.exception';
import { sendProblem } from './send-problem';
import { problemTypeFor, slugForStatus } from './problem-types';
import { STATUS_TITLES } from './status-titles';

/**
 * Answers every error as RFC 9457 problem+json with the request id. Unexpected errors are
 * logged with their stack and reach the client only as a generic 500; deliberate 5xx answers
 * (503 busy or unavailable) are logged as one warning.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers } = this.toProblem(exception);
    problem.instance = request.originalUrl;
    const requestId = requestIdOf(request);
    if (requestId !== null) problem.requestId = requestId;

    if (problem.status >= 500) this.logFailure(exception, problem, request.method);
    // A streamed download that fails midway has already sent its head: nothing left to say.
    if (reply.sent || reply.raw.headersSent) return;
    sendProblem(reply, problem, headers);
  }

  /**
   * A 5xx we chose to answer (a full hashing queue, a database that is restarting) is an
   * expected condition: one warning without a stack. Anything else is a bug: its stack.
   */
  private logFailure(exception: unknown, problem: ProblemDetails, method: string): void {
    const what = `${method} ${problem.instance} failed with ${problem.status}`;
    if (exception instanceof ProblemException || isDatabaseUnavailable(exception)) {
      const reason = exception instanceof Error ? exception.message : String(exception);
      this.logger.warn({ requestId: problem.requestId }, `${what}: ${reason}`);
      return;
    }
    this.logger.error({ err: exception, requestId: problem.requestId }, what);
  }

  private toProblem(exception: unknown): {
    problem: ProblemDetails;
    headers: Record<string, string>;
  } {
    if (exception instanceof ProblemException) {
      const status = exception.getStatus();
      return {
        problem: {
          ...exception.extensions,
          type: exception.type,
          title: exception.title ?? STATUS_TITLES[status] ?? 'Error',
          status,
          ...(exception.detail !== undefined && { detail: exception.detail }),
          ...(exception.errors !== undefined && { errors: exception.errors }),
        },
        headers: exception.headers,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { problem: this.fromHttpException(exception, status), headers: {} };
    }
    if (isDatabaseUnavailable(exception)) {
      // A restart or failover, not a fault of the request: say so, so clients retry.
      return {
        problem: {
          type: problemTypeFor(slugForStatus(503)),
          title: STATUS_TITLES[503] ?? 'Service Unavailable',
          status: 503,
          detail: 'The database is unavailable; retry shortly.',
        },
        headers: { 'Retry-After': '1' },
      };
    }
    const status = statusOfForeignError(exception);
    return {
      problem: {
        type: problemTypeFor(slugForStatus(status)),
        title: STATUS_TITLES[status] ?? 'Error',
        status,
        detail:
          status >= 500
            ? 'An unexpected error occurred. Quote the request id when reporting it.'
            : exposedMessage(exception),
      },
      headers: {},
    };
  }

  private fromHttpException(exception: HttpException, status: number): ProblemDetails {
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : typeof body === 'object' && body !== null && 'message' in body
          ? body.message
          : exception.message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    return {
      type: problemTypeFor(slugForStatus(status)),
      title: STATUS_TITLES[status] ?? 'Error',
      status,
      // 5xx messages may carry internals (driver errors); say only what happened.
      detail: status >= 500 ? 'The server could not complete the request.' : detail,
    };
  }
}

/** Errors Fastify raises itself (body too large, bad content type) carry their own 4xx status. */
function statusOfForeignError(exception: unknown): number {
  if (typeof exception === 'object' && exception !== null) {
    const candidate =
      (exception as { status?: unknown; statusCode?: unknown }).status ??
      (exception as { statusCode?: unknown }).statusCode;
    if (typeof candidate === 'number' && candidate >= 400 && candidate < 600) return candidate;
  }
  return 500;
}

function exposedMessage(exception: unknown): string {
  const expose = (exception as { expose?: unknown }).expose === true;
  if (expose && exception instanceof Error) return exception.message;
  return 'The request could not be processed.';
}
