import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/problem/problem.exception';

/** One 401 for every credential failure, so responses never say which part was wrong. */
export function unauthorized(
  detail = 'Missing, expired or invalid credentials.',
): ProblemException {
  return new ProblemException({
    status: HttpStatus.UNAUTHORIZED,
    slug: 'unauthorized',
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="tasktrackr"' },
  });
}

export function forbidden(detail: string): ProblemException {
  return new ProblemException({ status: HttpStatus.FORBIDDEN, slug: 'forbidden', detail });
}

export const INVALID_LOGIN_DETAIL = 'The email or password is not correct.';
