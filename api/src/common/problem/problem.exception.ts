import { HttpException } from '@nestjs/common';
import { FieldError } from './problem-details';
import { problemTypeFor, slugForStatus } from './problem-types';

export interface ProblemInit {
  status: number;
  /** Slug under the problem type base; defaults to the one for the status. */
  slug?: string;
  title?: string;
  detail?: string;
  errors?: FieldError[];
  /** Extra members for the body (RFC 9457 extensions), e.g. `currentVersion`. */
  extensions?: Record<string, unknown>;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/** An error we mean to show the client, in exactly the problem shape we choose. */
export class ProblemException extends HttpException {
  readonly type: string;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    super(init.detail ?? init.title ?? slugForStatus(init.status), init.status);
    this.type = problemTypeFor(init.slug ?? slugForStatus(init.status));
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }
}
