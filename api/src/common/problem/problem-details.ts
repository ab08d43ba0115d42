/** One invalid input, addressed by its path in the request (`items[0].title`, `query.limit`). */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details, plus the request id and field errors we always add. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
