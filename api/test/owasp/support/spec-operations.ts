import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, SCOPES, type Role, type Scope } from '../../../src/common/access/principal';

/**
 * The operations of the committed contract (`libs/sdk/openapi.json`), so the OWASP specs
 * enumerate routes from the spec rather than from a hand-kept list: a route added to the API
 * (and so to the spec, which the contract check keeps in step) is tested without anyone
 * remembering to add it.
 */

/** The subset of JSON Schema the contract uses that these tests read. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  maxLength?: number;
  maxItems?: number;
  maximum?: number;
  minimum?: number;
  enum?: unknown[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
}

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  parameters?: SpecParameter[];
  requestBody?: {
    content: Record<string, { schema: Schema; examples?: Record<string, { value: unknown }> }>;
  };
  responses: Record<string, { content?: Record<string, unknown> }>;
  'x-required-roles'?: Role[];
  'x-required-scopes'?: Scope[];
}

interface RawSpec {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** The templated path, e.g. `/api/v1/tasks/{id}`. */
  path: string;
  /** `security: []`: anonymous callers allowed. */
  isPublic: boolean;
  /** The security schemes it lists (`sessionJwt`, `personalApiToken`). */
  schemes: string[];
  /** `x-required-roles` as published; `undefined` when the extension is absent. */
  roles: Role[] | undefined;
  /** `x-required-scopes` as published; `undefined` when the extension is absent. */
  scopes: Scope[] | undefined;
  pathParams: string[];
  parameters: SpecParameter[];
  /** The JSON request body's schema (resolved) and its named examples, in name order. */
  body: { schema: Schema; examples: unknown[] } | undefined;
  /** Documented response statuses. */
  statuses: string[];
  /** Answers with a never-ending `text/event-stream` (read its head, then hang up). */
  eventStream: boolean;
}

export const SPEC_PATH = join(__dirname, '..', '..', '..', '..', 'libs', 'sdk', 'openapi.json');

let cached: RawSpec | undefined;
function rawSpec(): RawSpec {
  cached ??= JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as RawSpec;
  return cached;
}

/** Follows `$ref` and a single-member `allOf` (how Nest's generator wraps enum refs). */
export function resolveSchema(schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = rawSpec().components.schemas[name];
    if (!target) throw new Error(`Unresolvable $ref ${schema.$ref}`);
    return resolveSchema(target);
  }
  const { allOf, ...rest } = schema;
  if (allOf?.length === 1 && allOf[0]) return { ...resolveSchema(allOf[0]), ...rest };
  return schema;
}

export function componentSchema(name: string): Schema {
  const schema = rawSpec().components.schemas[name];
  if (!schema) throw new Error(`No schema ${name} in the spec`);
  return resolveSchema(schema);
}

/** Every operation of the spec, in path then method order. */
export function specOperations(): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(rawSpec().paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const json = raw.requestBody?.content['application/json'];
      const examples = Object.entries(json?.examples ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, example]) => example.value);
      operations.push({
        operationId: raw.operationId,
        method: method.toUpperCase() as HttpMethod,
        path,
        isPublic: Array.isArray(raw.security) && raw.security.length === 0,
        schemes: (raw.security ?? []).flatMap((requirement) => Object.keys(requirement)),
        roles: raw['x-required-roles'],
        scopes: raw['x-required-scopes'],
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? ''),
        parameters: raw.parameters ?? [],
        body: json ? { schema: resolveSchema(json.schema), examples } : undefined,
        statuses: Object.keys(raw.responses),
        eventStream: Object.keys(raw.responses['200']?.content ?? {}).includes('text/event-stream'),
      });
    }
  }
  return operations;
}

export const ALL_ROLES: readonly Role[] = ROLES;
export const ALL_SCOPES: readonly Scope[] = SCOPES;

/** `GET /api/v1/tasks/{id}`: how failures name an operation. */
export const describeOperation = (op: Pick<SpecOperation, 'method' | 'path' | 'operationId'>) =>
  `${op.operationId} (${op.method} ${op.path})`;

/** The path with its `{params}` filled from `values` (a fresh UUID for any not given). */
export function fillPath(op: Pick<SpecOperation, 'path'>, values: Record<string, string> = {}) {
  return op.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? randomUUID()),
  );
}

/** A value for a required query parameter: its example, default, or first enum member. */
function queryValue(parameter: SpecParameter): string {
  const schema = resolveSchema(parameter.schema ?? {});
  const value = schema.example ?? schema.default ?? schema.enum?.[0];
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new Error(`Required query parameter ${parameter.name} has no example, default or enum`);
}

/** The query string of the required query parameters (`?format=csv`), or ''. */
export function requiredQuery(op: SpecOperation): string {
  const query = new URLSearchParams();
  for (const parameter of op.parameters) {
    if (parameter.in === 'query' && parameter.required) {
      query.set(parameter.name, queryValue(parameter));
    }
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * A body that passes the operation's validation: its first named example (the contract check
 * validates every example against the real ValidationPipe), with each `email` made unique so a
 * request that does go through cannot collide with another spec's user.
 */
export function exampleBody(op: SpecOperation): unknown {
  if (!op.body) return undefined;
  const [first] = op.body.examples;
  if (first === undefined) throw new Error(`${describeOperation(op)} has no request example`);
  return withUniqueEmails(structuredClone(first));
}

function withUniqueEmails(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUniqueEmails);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      key === 'email' && typeof member === 'string'
        ? `owasp-${randomUUID()}@example.com`
        : withUniqueEmails(member),
    ]),
  );
}
