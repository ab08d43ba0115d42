import { HttpStatus } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { FieldError } from './problem-details';
import { ProblemException } from './problem.exception';
import { VALIDATION_PROBLEM_SLUG } from './problem-types';

/** Flattens class-validator's tree into one entry per failed constraint, with a field path. */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parentPath, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * The 400 validation problem, for checks a DTO cannot express (cross-field rules, database
 * facts, headers): the same `type`, title and `errors[]` shape as the ValidationPipe's.
 */
export function invalidFields(
  fieldErrors: FieldError[],
  detail = `${fieldErrors.length} field${fieldErrors.length === 1 ? '' : 's'} failed validation`,
): ProblemException {
  return new ProblemException({
    status: HttpStatus.BAD_REQUEST,
    slug: VALIDATION_PROBLEM_SLUG,
    title: 'Your request is not valid',
    detail,
    errors: fieldErrors,
  });
}

/** The ValidationPipe's exceptionFactory: a 400 problem listing every invalid field. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  return invalidFields(flattenValidationErrors(errors));
}
