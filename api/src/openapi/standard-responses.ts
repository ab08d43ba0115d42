import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../common/problem/problem-details';
import { STATUS_TITLES } from '../common/problem/status-titles';
import type { DocumentedRoute, RateLimit } from './documented-routes';

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The limits whose headers a route sends: `default` on all, the sign-in ones on strict routes. */
const THROTTLERS: Record<Exclude<RateLimit, 'none'>, Array<{ suffix: string; what: string }>> = {
  default: [{ suffix: '', what: 'the general per-caller limit (per user, else per IP)' }],
  strict: [
    { suffix: '', what: 'the general per-caller limit (per user, else per IP)' },
    { suffix: '-authIp', what: 'the sign-in limit per IP' },
    { suffix: '-authEmail', what: 'the sign-in limit per submitted email (when one is sent)' },
  ],
};

function rateLimitHeaders(suffix: string, what: string): Record<string, HeaderObject> {
  const integer = { type: 'integer', minimum: 0 } as const;
  return {
    [`X-RateLimit-Limit${suffix}`]: {
      description: `Requests allowed in the window by ${what}.`,
      schema: integer,
    },
    [`X-RateLimit-Remaining${suffix}`]: {
      description: `Requests left in the current window by ${what}.`,
      schema: integer,
    },
    [`X-RateLimit-Reset${suffix}`]: {
      description: `Seconds until the window of ${what} resets.`,
      schema: integer,
    },
  };
}

const ref = (kind: 'headers' | 'responses', name: string): ReferenceObject => ({
  $ref: `#/components/${kind}/${name}`,
});

function operations(document: OpenAPIObject): Array<[string, OperationObject]> {
  return Object.values(document.paths).flatMap((item) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation?.operationId ? [[operation.operationId, operation] as const] : [];
    }),
  ) as Array<[string, OperationObject]>;
}

/**
 * What every operation documents by the same rule, read from the routes' own metadata
 * (`documentedRoutes`) so a new route is covered without anyone remembering to:
 * - rate-limited operations: their 429 (a problem with `Retry-After`) and the `X-RateLimit-*`
 *   headers on their successful responses;
 * - operations with a request body: 413 and 415, which the HTTP layer answers for any body;
 * - path parameters parsed by ParseUUIDPipe: `format: uuid`;
 * - responses declared without a description: the status title (`OK`, `Created`).
 */
export function addStandardResponses(document: OpenAPIObject, routes: DocumentedRoute[]): void {
  const components = (document.components ??= {});
  const headers = (components.headers ??= {});
  const responses = (components.responses ??= {});
  for (const { suffix, what } of THROTTLERS.strict)
    Object.assign(headers, rateLimitHeaders(suffix, what));
  headers['Retry-After'] = {
    required: true,
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 1, example: 30 },
  };
  responses.TooManyRequests = problemResponse(
    'Rate limit reached (`too-many-requests`); retry after `Retry-After` seconds.',
    { 'Retry-After': ref('headers', 'Retry-After') },
  );
  responses.PayloadTooLarge = problemResponse(
    'The body is larger than the server accepts (`payload-too-large`, see `BODY_LIMIT`).',
  );
  responses.UnsupportedMediaType = problemResponse(
    'The body is not `application/json` (`unsupported-media-type`).',
  );

  const routeOf = new Map(routes.map((route) => [route.operationId, route]));
  for (const [operationId, operation] of operations(document)) {
    const route = routeOf.get(operationId);
    const rateLimit = route?.rateLimit ?? 'none';
    if (rateLimit !== 'none') {
      const sent = Object.fromEntries(
        THROTTLERS[rateLimit].flatMap(({ suffix }) =>
          ['Limit', 'Remaining', 'Reset'].map((part) => {
            const name = `X-RateLimit-${part}${suffix}`;
            return [name, ref('headers', name)] as const;
          }),
        ),
      );
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 || !response || '$ref' in response) continue;
        response.headers = { ...response.headers, ...sent };
      }
      operation.responses['429'] = ref('responses', 'TooManyRequests');
    }
    if (operation.requestBody) {
      operation.responses['413'] = ref('responses', 'PayloadTooLarge');
      operation.responses['415'] = ref('responses', 'UnsupportedMediaType');
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      if (response && !('$ref' in response) && !response.description) {
        response.description = STATUS_TITLES[Number(status)] ?? 'Success';
      }
    }
    for (const parameter of operation.parameters ?? []) {
      if ('$ref' in parameter || parameter.in !== 'path') continue;
      if (route?.uuidParams.includes(parameter.name)) {
        parameter.schema = { ...parameter.schema, format: 'uuid' };
      }
    }
  }
}

function problemResponse(
  description: string,
  headers?: Record<string, ReferenceObject>,
): ResponseObject {
  return {
    description,
    ...(headers && { headers }),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } },
  };
}
