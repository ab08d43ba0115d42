import { ValidationPipe } from '@nestjs/common';
import { validationProblem } from '../common/problem/validation-errors';

/**
 * The one ValidationPipe of the API: unknown fields are refused, values are transformed to
 * the DTO's types, failures are 400 validation problems. The contract test validates the
 * request examples of the spec with this same pipe.
 *
 * `validationError`: class-validator builds an error object for every validated property (and
 * drops the empty ones); without the value and the target on them it does measurably less per
 * request (docs/benchmarks.md, step 7). The problem body never carried either: it is built from
 * each error's property, constraints and children only (validationProblem).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: validationProblem,
  });
}
