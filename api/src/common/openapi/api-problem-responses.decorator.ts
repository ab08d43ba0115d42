import { applyDecorators, HttpStatus, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type HeadersObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { STATUS_TITLES } from '../problem/status-titles';
import { ProblemSchema } from './problem.schema';

const DESCRIPTIONS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'The request is malformed or a field is invalid (see `errors`).',
  [HttpStatus.UNAUTHORIZED]: 'Missing, expired or invalid credentials.',
  [HttpStatus.FORBIDDEN]: 'Authenticated, but not allowed to do this.',
  [HttpStatus.NOT_FOUND]: 'No such resource, or not visible to the caller.',
  [HttpStatus.CONFLICT]: 'The request conflicts with the current state.',
  [HttpStatus.PRECONDITION_FAILED]: 'If-Match named a version that is no longer current.',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'The body is larger than the server accepts (`BODY_LIMIT`).',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'The body is not `application/json`.',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Well-formed, but it cannot be applied.',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Rate limit reached; retry after `Retry-After` seconds.',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'A dependency is down; retry later.',
};

/** One documented problem response, when the status alone does not say enough. */
export interface ProblemResponse {
  status: HttpStatus;
  /** A Problem subtype whose body carries more (e.g. `PreconditionFailedProblemSchema`). */
  type?: Type<ProblemSchema>;
  description?: string;
  headers?: HeadersObject;
}

/**
 * Documents error responses as RFC 9457 problems, so every generated client types them too:
 * `ApiProblemResponses(HttpStatus.BAD_REQUEST, { status: 412, type: PreconditionFailedProblemSchema })`.
 * 429 needs no mention: the spec builder adds it to every rate-limited operation.
 */
export function ApiProblemResponses(...responses: Array<HttpStatus | ProblemResponse>) {
  const entries = responses.map((entry) => (typeof entry === 'number' ? { status: entry } : entry));
  const models = [ProblemSchema, ...entries.flatMap((entry) => (entry.type ? [entry.type] : []))];
  return applyDecorators(
    ApiExtraModels(...models),
    ...entries.map(({ status, type, description, headers }) =>
      ApiResponse({
        status,
        description: description ?? DESCRIPTIONS[status] ?? STATUS_TITLES[status] ?? 'Error',
        ...(headers && { headers }),
        content: {
          [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(type ?? ProblemSchema) } },
        },
      }),
    ),
  );
}
