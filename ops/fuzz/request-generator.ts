import fc from 'fast-check';
import type { Fixtures } from './fixtures';
import { headerSafe, hostileAuthorization, hostileHeaderValue } from './hostile-values';
import { applyMutation, mutationArbitrary, type Mutation } from './mutations';
import { followRef, type OpenApiDocument, type Operation, type SchemaObject } from './openapi';
import { OperationRouter } from './operation-router';
import { realValues } from './real-values';
import { requestCost } from './request-cost';
import { renderDraft, type Draft } from './request-draft';
import { ALLOWED_ORIGIN, type FuzzRequest } from './request-model';
import { schemaArbitrary, type JsonValue, type SchemaArbitraryOptions } from './schema-arbitrary';
import type { SchemaValidators } from './schema-validators';
import { queryTexts } from './url-encoding';

export interface GeneratorInput {
  document: OpenApiDocument;
  operations: Operation[];
  fixtures: Fixtures;
  validators: SchemaValidators;
}

/** The valid skeleton of a request, before any mutation. */
interface ValidParts {
  pathParams: Record<string, JsonValue>;
  query: Record<string, JsonValue>;
  headers: Record<string, string>;
  /** ETag-style headers are built from the path id at render time (`"<id>:<version>"`). */
  etag?: { name: string; version: number | '*' };
  body?: JsonValue;
  /** Index of an issued cursor to page with (list operations), if any. */
  page?: number;
}

const ANONYMOUS = 'anonymous';

/** Streams hold a connection slot for a while: sent less often. */
const OPERATION_WEIGHTS: Readonly<Record<string, number>> = { streamTaskEvents: 2 };
const DEFAULT_WEIGHT = 10;
/** Off-spec requests (unknown paths, undeclared methods) as a share of all operations' weight. */
const OFF_SPEC_WEIGHT = 12;

function principalArbitrary(operation: Operation, fixtures: Fixtures): fc.Arbitrary<string> {
  const tokensAllowed = operation.security.includes('personalApiToken');
  const options: Array<fc.WeightedArbitrary<string>> = [
    { weight: operation.security.length === 0 ? 4 : 1, arbitrary: fc.constant(ANONYMOUS) },
  ];
  for (const principal of fixtures.principals) {
    const weight =
      principal.via === 'session'
        ? 3
        : principal.name === 'revoked-token'
          ? 1
          : tokensAllowed
            ? 2
            : 1;
    options.push({ weight, arbitrary: fc.constant(principal.name) });
  }
  return fc.oneof(...options);
}

function headerArbitraries(
  operation: Operation,
  fixtures: Fixtures,
): { headers: fc.Arbitrary<Record<string, string>>; etag: fc.Arbitrary<ValidParts['etag']> } {
  const model: Record<string, fc.Arbitrary<string>> = {};
  let etag: fc.Arbitrary<ValidParts['etag']> = fc.constant(undefined);
  for (const param of operation.headerParams) {
    if (param.name === 'If-Match' || param.name === 'If-None-Match') {
      etag = fc.option(
        fc.record({
          name: fc.constant(param.name),
          version: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant('*' as const)),
        }),
        { nil: undefined },
      );
    } else if (param.name === 'Idempotency-Key') {
      // A fixed key too, so replays (same body) and conflicts (another body) happen.
      model[param.name] = fc.oneof(
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 }).map(headerSafe),
        fc.constant('fuzz-idempotency-key'),
      );
    } else {
      model[param.name] = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 });
    }
  }
  // Logout and refresh read the refresh cookie: a spare session's, or junk.
  if (['logout', 'refreshSession'].includes(operation.operationId)) {
    model.Cookie = fc.oneof(
      fc.constantFrom(...fixtures.refreshCookies, 'tt_refresh=', 'tt_refresh=junk'),
      hostileHeaderValue().map((value) => `tt_refresh=${value}`),
    );
  }
  const headers = fc.record(model, { requiredKeys: [], noNullPrototype: true }).map((chosen) => {
    const present: Record<string, string> = {};
    for (const [name, value] of Object.entries(chosen))
      if (value !== undefined) present[name] = value;
    return present;
  });
  return { headers, etag };
}

function validPartsArbitrary(
  operation: Operation,
  input: GeneratorInput,
): fc.Arbitrary<ValidParts> {
  const options: SchemaArbitraryOptions = {
    resolve: (ref) => followRef<SchemaObject>(input.document, ref),
    override: realValues(operation, input.fixtures),
  };
  const pathParams: Record<string, fc.Arbitrary<JsonValue>> = {};
  for (const param of operation.pathParams) {
    pathParams[param.name] = schemaArbitrary(param.schema, options, [param.name]);
  }
  // A made-up cursor is never valid: valid requests page with issued ones (`page`).
  const queryParams = operation.queryParams.filter((param) => param.name !== 'cursor');
  const query: Record<string, fc.Arbitrary<JsonValue>> = {};
  for (const param of queryParams) {
    query[param.name] = schemaArbitrary(param.schema, options, [param.name]);
  }
  const { headers, etag } = headerArbitraries(operation, input.fixtures);
  const body = operation.requestBody;
  const bodyArbitrary =
    body === undefined
      ? fc.constant(undefined)
      : body.required
        ? schemaArbitrary(body.schema, options)
        : fc.option(schemaArbitrary(body.schema, options), { nil: undefined });
  const pages = operation.queryParams.some((param) => param.name === 'cursor');
  return fc.record({
    pathParams: fc.record(pathParams, { noNullPrototype: true }),
    query: fc.record(query, {
      requiredKeys: queryParams.filter((param) => param.required).map((param) => param.name),
      noNullPrototype: true,
    }),
    headers,
    etag,
    body: bodyArbitrary,
    page: pages
      ? fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 4 })
      : fc.constant(undefined),
  });
}

function authorizationOf(principal: string, fixtures: Fixtures): string | undefined {
  return fixtures.principals.find((p) => p.name === principal)?.authorization;
}

/** Valid parts → a draft: ids encoded into the path, values into query text. */
function draftOf(
  operation: Operation,
  parts: ValidParts,
  principal: string,
  fixtures: Fixtures,
): Draft {
  const pathParams: Draft['pathParams'] = {};
  for (const [name, value] of Object.entries(parts.pathParams)) {
    pathParams[name] = { value: queryTexts(value)[0] ?? '', raw: false };
  }
  let path = operation.pathTemplate;
  let query = Object.entries(parts.query).flatMap(([name, value]) =>
    queryTexts(value).map((text): [string, string] => [name, text]),
  );
  if (parts.page !== undefined) {
    const issued = fixtures.cursors.filter((c) => c.operationId === operation.operationId);
    const cursor = issued[parts.page % Math.max(1, issued.length)];
    if (cursor !== undefined) {
      path = cursor.path;
      query = [...cursor.query, ['cursor', cursor.cursor]];
    }
  }
  const headers: Record<string, string> = { ...parts.headers };
  const authorization = authorizationOf(principal, fixtures);
  if (authorization !== undefined) headers.Authorization = authorization;
  if (parts.etag !== undefined) {
    const id = pathParams.id?.value ?? '';
    headers[parts.etag.name] = parts.etag.version === '*' ? '*' : `"${id}:${parts.etag.version}"`;
  }
  return {
    operation,
    method: operation.method,
    path,
    pathParams,
    query,
    rawQuery: [],
    headers,
    // Cloned: mutations edit the body in place, and fast-check reuses its values to shrink.
    body:
      parts.body === undefined
        ? undefined
        : { kind: 'json', value: JSON.parse(JSON.stringify(parts.body)) as JsonValue },
    contentType: undefined,
    principal,
    mutations: [],
  };
}

function operationArbitrary(
  operation: Operation,
  input: GeneratorInput,
  router: OperationRouter,
): fc.Arbitrary<FuzzRequest> {
  const resolve = (ref: string) => followRef<SchemaObject>(input.document, ref);
  const mutation = mutationArbitrary(operation, input.fixtures, resolve);
  return fc
    .record({
      principal: principalArbitrary(operation, input.fixtures),
      parts: validPartsArbitrary(operation, input),
      // Half valid, half hostile; shrinking drops mutations first.
      mutations: fc.oneof(
        fc.constant<Mutation[]>([]),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
      ),
    })
    .map(({ principal, parts, mutations }) => {
      const draft = draftOf(operation, parts, principal, input.fixtures);
      for (const m of mutations) applyMutation(draft, m, input.fixtures);
      const rendered = renderDraft(draft);
      return {
        ...rendered,
        // A hostile path can route elsewhere (`/tasks/{id}` with id `stats`): judged by the route.
        operationId: router.match(rendered.method, rendered.url)?.operationId ?? null,
        cost: requestCost(operation, draft, input.validators),
      };
    });
}

/** Undeclared methods on known paths, unknown paths, and preflight-like OPTIONS. */
function offSpecArbitrary(
  input: GeneratorInput,
  router: OperationRouter,
): fc.Arbitrary<FuzzRequest> {
  const declared = new Map<string, Set<string>>();
  for (const op of input.operations) {
    declared.set(op.pathTemplate, (declared.get(op.pathTemplate) ?? new Set()).add(op.method));
  }
  const targets: Array<[method: string, path: string]> = [];
  for (const [path, methods] of declared) {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      if (!methods.has(method)) targets.push([method, path]);
    }
    if (methods.has('GET')) targets.push(['HEAD', path]);
    targets.push(['OPTIONS', path]);
  }
  for (const path of [
    '/api/v1/nope',
    '/api/v1/tasks/{id}/nope',
    '/api/v2/tasks',
    '/api/v1',
    '/api',
    '/api/v1/tasks/../users',
    '/api/v1/%2e%2e/health/live',
    '//api/v1/tasks',
    '/api/v1/tasks/%00',
    '/api/v1/Tasks',
    '/API/V1/TASKS',
    '/api/v1/tasks;jsessionid=x',
  ]) {
    for (const method of ['GET', 'POST', 'DELETE']) targets.push([method, path]);
  }
  return fc
    .record({
      target: fc.constantFrom(...targets),
      id: fc.oneof(fc.constantFrom(...input.fixtures.ids.tasks), fc.uuid({ version: 4 })),
      principal: fc.constantFrom(ANONYMOUS, ...input.fixtures.principals.map((p) => p.name)),
      origin: fc.option(fc.constantFrom(ALLOWED_ORIGIN, 'https://evil.example.net', 'null')),
      preflight: fc.boolean(),
      authorization: fc.option(hostileAuthorization(input.fixtures.sampleJwt), { freq: 4 }),
      body: fc.option(fc.constantFrom('{}', '{"title":"x"}', '['), { freq: 3 }),
    })
    .map(({ target: [method, path], id, principal, origin, preflight, authorization, body }) => {
      const headers: Record<string, string> = {};
      const auth = authorization ?? authorizationOf(principal, input.fixtures);
      if (auth !== undefined) headers.Authorization = auth;
      if (origin !== null) headers.Origin = origin;
      if (method === 'OPTIONS' && preflight) headers['Access-Control-Request-Method'] = 'POST';
      if (body !== null) headers['Content-Type'] = 'application/json';
      const url = path.replace('{id}', id);
      return {
        operationId: router.match(method, url)?.operationId ?? null,
        method,
        url,
        headers,
        ...(body !== null && { body }),
        bodyEncoding: 'utf8' as const,
        principal: authorization === null ? principal : 'forged',
        mutations: ['off-spec'],
        cost: 'cheap' as const,
      };
    });
}

/**
 * Every request the fuzzer may send, as one arbitrary: per operation of the spec, a valid
 * request built from its schemas (real ids of existing rows mixed in) sent as any principal,
 * with zero to three hostile mutations; plus off-spec requests. Deterministic for a seed.
 */
export function requestArbitrary(input: GeneratorInput): fc.Arbitrary<FuzzRequest> {
  const router = new OperationRouter(input.operations);
  return fc.oneof(
    ...input.operations.map((operation) => ({
      weight: OPERATION_WEIGHTS[operation.operationId] ?? DEFAULT_WEIGHT,
      arbitrary: operationArbitrary(operation, input, router),
    })),
    { weight: OFF_SPEC_WEIGHT, arbitrary: offSpecArbitrary(input, router) },
  );
}
