/**
 * Stable problem `type` identifiers (RFC 9457). Integrators switch on these, so a slug never
 * changes meaning once shipped. They are identifiers, documented in docs/errors.md.
 */
export const PROBLEM_TYPE_BASE = 'https://tasktrackr.dev/problems/';

export const PROBLEM_SLUGS_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  408: 'request-timeout',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  428: 'precondition-required',
  429: 'too-many-requests',
  431: 'request-header-fields-too-large',
  500: 'internal-error',
  502: 'bad-gateway',
  503: 'service-unavailable',
  504: 'gateway-timeout',
};

export const VALIDATION_PROBLEM_SLUG = 'validation-error';

export function problemTypeFor(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

export function slugForStatus(status: number): string {
  return PROBLEM_SLUGS_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'bad-request');
}
