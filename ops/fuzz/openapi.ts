import { readFileSync } from 'node:fs';
import { SPEC_PATH } from '../contract/paths';

/** The OpenAPI 3.0 schema keywords this document uses (it is generated, so the set is small). */
export interface SchemaObject {
  $ref?: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  default?: unknown;
  [annotation: string]: unknown;
}

interface RawParameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface RawMediaType {
  schema?: SchemaObject;
}

interface RawResponse {
  $ref?: string;
  content?: Record<string, RawMediaType>;
}

interface RawOperation {
  operationId?: string;
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content: Record<string, RawMediaType> };
  responses: Record<string, RawResponse>;
  security?: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    responses?: Record<string, RawResponse>;
    parameters?: Record<string, RawParameter>;
  };
  security?: Array<Record<string, string[]>>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = Uppercase<(typeof HTTP_METHODS)[number]>;

export interface Parameter {
  name: string;
  required: boolean;
  schema: SchemaObject;
}

/** A response the spec declares: media type → schema (undefined: no schema given). */
export interface DeclaredResponse {
  content: Record<string, SchemaObject | undefined>;
}

/** One operation of the spec, with every `$ref` to parameters and responses followed. */
export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** `/api/v1/tasks/{id}` */
  pathTemplate: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  requestBody?: { required: boolean; contentType: string; schema: SchemaObject };
  /** By status code as written in the spec (`200`, `404`, maybe `default`). */
  responses: Record<string, DeclaredResponse>;
  /** Security scheme names any of which is accepted; empty for a public operation. */
  security: string[];
}

export function loadSpec(path: string = SPEC_PATH): OpenApiDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** Follows a local `#/components/...` reference. */
export function followRef<T>(document: OpenApiDocument, ref: string): T {
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported: ${ref}`);
  let node: unknown = document;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (node === undefined) throw new Error(`Unresolvable reference ${ref}`);
  return node as T;
}

/** The schema itself, with any chain of `$ref` followed. */
export function resolveSchema(document: OpenApiDocument, schema: SchemaObject): SchemaObject {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined; hops++) {
    if (hops > 32) throw new Error(`Reference cycle at ${current.$ref}`);
    current = followRef<SchemaObject>(document, current.$ref);
  }
  return current;
}

function parameter(document: OpenApiDocument, raw: RawParameter): RawParameter {
  return raw.$ref === undefined ? raw : followRef<RawParameter>(document, raw.$ref);
}

function response(document: OpenApiDocument, raw: RawResponse): DeclaredResponse {
  const resolved = raw.$ref === undefined ? raw : followRef<RawResponse>(document, raw.$ref);
  const content: Record<string, SchemaObject | undefined> = {};
  for (const [mediaType, media] of Object.entries(resolved.content ?? {})) {
    content[mediaType] = media.schema;
  }
  return { content };
}

/** Every operation of the document, in document order (which the generator relies on). */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const raw = item[method] as RawOperation | undefined;
      if (raw === undefined) continue;
      const params = (raw.parameters ?? []).map((p) => parameter(document, p));
      const byLocation = (location: RawParameter['in']): Parameter[] =>
        params
          .filter((p) => p.in === location)
          .map((p) => ({
            name: p.name,
            required: p.required === true || location === 'path',
            schema: p.schema ?? {},
          }));
      const [contentType, media] = Object.entries(raw.requestBody?.content ?? {})[0] ?? [];
      const responses: Record<string, DeclaredResponse> = {};
      for (const [status, declared] of Object.entries(raw.responses)) {
        responses[status] = response(document, declared);
      }
      const security = raw.security ?? document.security ?? [];
      operations.push({
        operationId: raw.operationId ?? `${method} ${pathTemplate}`,
        method: method.toUpperCase() as HttpMethod,
        pathTemplate,
        pathParams: byLocation('path'),
        queryParams: byLocation('query'),
        headerParams: byLocation('header'),
        ...(contentType !== undefined &&
          media?.schema !== undefined && {
            requestBody: {
              required: raw.requestBody?.required === true,
              contentType,
              schema: media.schema,
            },
          }),
        responses,
        security: [...new Set(security.flatMap((alternative) => Object.keys(alternative)))],
      });
    }
  }
  return operations;
}
