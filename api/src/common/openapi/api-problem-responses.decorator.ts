import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_TITLES } from '../problem/status-titles';
import { ProblemSchema } from './problem.schema';

const DESCRIPTIONS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'The request is malformed or a field is invalid (see `errors`).',
  [HttpStatus.UNAUTHORIZED]: 'Missing, expired or invalid credentials.',
  [HttpStatus.FORBIDDEN]: 'Authenticated, but not allowed to do this.',
  [HttpStatus.NOT_FOUND]: 'No such resource, or not visible to the caller.',
  [HttpStatus.PRECONDITION_FAILED]: 'If-Match named a version that is no longer current.',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Rate limit reached; retry after `Retry-After` seconds.',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'A dependency is down; `checks` says which.',
};

/** Documents error responses as RFC 9457 problems, so the SDK types them too. */
export function ApiProblemResponses(...statuses: HttpStatus[]) {
  return applyDecorators(
    ApiExtraModels(ProblemSchema),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? STATUS_TITLES[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemSchema) } } },
      }),
    ),
  );
}
