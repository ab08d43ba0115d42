import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../openapi/api-problem-responses.decorator';
import { invalidFields } from '../problem/validation-errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Reads and validates the optional `Idempotency-Key` header (1–255 visible ASCII characters,
 * e.g. a UUID): a malformed key is a 400 problem rather than silently ignored.
 */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined => {
    const raw = ctx.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
    if (raw === undefined) return undefined;
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    if (!KEY_PATTERN.test(value)) {
      throw invalidFields(
        [{ path: 'header.Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
        'Idempotency-Key must be 1–255 visible ASCII characters',
      );
    }
    return value;
  },
);

/**
 * Documents the header, the 422 for a key reused with another body and the 409 while the
 * first request with the key is still running.
 */
export function ApiIdempotencyKey() {
  return applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Makes the POST safe to retry: a repeat with the same key and body (within 24 h) returns the first response, marked `Idempotent-Replayed: true`, without doing the work again. The same key with another body is a 422. Keys are scoped per caller.',
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        example: '9b7c1f0e-3f4a-4c38-9d58-6a1a2b3c4d5e',
      },
    }),
    ApiProblemResponses(
      {
        status: HttpStatus.CONFLICT,
        description:
          '`idempotency-retry`: the first request with this Idempotency-Key is still in progress; retry shortly.',
      },
      {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        description:
          '`idempotency-key-reused`: this Idempotency-Key was used with a different request body.',
      },
    ),
  );
}
