import { ValidationPipe } from '@nestjs/common';
import { validationProblem } from '../common/problem/validation-errors';

/**
 * The one ValidationPipe of the API: unknown fields are refused, values are transformed to
 * the DTO's types, failures are 400 validation problems. The contract test validates the
 * request examples of the spec with this same pipe.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationProblem,
  });
}
