import fc from 'fast-check';
import type { Fixtures } from './fixtures';
import {
  decodeCursorPayload,
  encodeCursorPayload,
  HOSTILE_CONTENT_TYPES,
  HOSTILE_CURSOR_KEYS,
  HOSTILE_HEADER_NAMES,
  HOSTILE_RAW_QUERIES,
  HOSTILE_RAW_SEGMENTS,
  hostileAuthorization,
  hostileCursor,
  hostileFor,
  hostileHeaderValue,
  hostileJsonValue,
  hostileRawBody,
  hostileString,
  PROTOTYPE_KEYS,
  type RawBody,
  withOwnKey,
} from './hostile-values';
import type { Operation, SchemaObject } from './openapi';
import type { Draft } from './request-draft';
import { flattenSchema, type JsonValue } from './schema-arbitrary';
import { queryTexts } from './url-encoding';

export type FieldPath = ReadonlyArray<string | number>;

/** One way of making a request hostile; a request carries zero (valid) to a few. */
export type Mutation =
  | { kind: 'authorization'; value: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'path'; name: string; value: string; raw: boolean }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'query-raw'; text: string }
  | { kind: 'query-drop'; name: string }
  | { kind: 'cursor'; value: string }
  | { kind: 'cursor-edit'; pick: number; edits: Array<{ at: number; key: JsonValue }> }
  | { kind: 'body-set'; path: FieldPath; value: JsonValue }
  | { kind: 'body-delete'; path: FieldPath }
  | { kind: 'body-extra'; at: FieldPath; key: string; value: JsonValue }
  | { kind: 'body-replace'; value: JsonValue }
  | { kind: 'body-raw'; raw: RawBody }
  | { kind: 'content-type'; value: string | null };

export interface BodyField {
  path: FieldPath;
  schema: SchemaObject;
  required: boolean;
  isObject: boolean;
}

const MAX_FIELD_DEPTH = 3;

/** Every field of a body schema to depth 3 (array items as index 0), the root included. */
export function bodyFields(
  schema: SchemaObject,
  resolve: (ref: string) => SchemaObject,
  path: FieldPath = [],
  required = true,
): BodyField[] {
  const flat = flattenSchema(schema, resolve);
  const isObject = flat.type === 'object' || flat.properties !== undefined;
  const fields: BodyField[] = [{ path, schema: flat, required, isObject }];
  if (path.length >= MAX_FIELD_DEPTH) return fields;
  for (const [name, property] of Object.entries(flat.properties ?? {})) {
    fields.push(
      ...bodyFields(property, resolve, [...path, name], flat.required?.includes(name) === true),
    );
  }
  if (flat.type === 'array' && flat.items !== undefined) {
    fields.push(...bodyFields(flat.items, resolve, [...path, 0], false));
  }
  return fields;
}

/** Names an injected member may take: prototype keys, server-owned fields, junk. */
const EXTRA_KEYS = [
  ...PROTOTYPE_KEYS,
  'id',
  'ownerId',
  'version',
  'roles',
  'isAdmin',
  'passwordHash',
];

function bodyMutations(
  operation: Operation,
  resolve: (ref: string) => SchemaObject,
): Array<fc.WeightedArbitrary<Mutation>> {
  const schema = operation.requestBody?.schema;
  const raw = hostileRawBody().map((body): Mutation => ({ kind: 'body-raw', raw: body }));
  const replace = hostileJsonValue().map((value): Mutation => ({ kind: 'body-replace', value }));
  if (schema === undefined) {
    // A body where none belongs.
    return [
      { weight: 1, arbitrary: raw },
      { weight: 1, arbitrary: replace },
    ];
  }
  const fields = bodyFields(schema, resolve).filter((field) => field.path.length > 0);
  const required = fields.filter((field) => field.required);
  const objects = bodyFields(schema, resolve).filter((field) => field.isObject);
  const mutations: Array<fc.WeightedArbitrary<Mutation>> = [
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: replace },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constantFrom(...HOSTILE_CONTENT_TYPES), fc.constant(null))
        .map((value): Mutation => ({ kind: 'content-type', value })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          at: fc.constantFrom(...objects.map((field) => field.path)),
          key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), hostileString()),
          value: hostileJsonValue(),
        })
        .map((m): Mutation => ({ kind: 'body-extra', ...m })),
    },
  ];
  if (fields.length > 0) {
    mutations.push({
      weight: 6,
      arbitrary: fc.oneof(
        ...fields.map((field) =>
          hostileFor(field.schema).map((value): Mutation => ({
            kind: 'body-set',
            path: field.path,
            value,
          })),
        ),
      ),
    });
  }
  if (required.length > 0) {
    mutations.push({
      weight: 2,
      arbitrary: fc.oneof(
        fc
          .constantFrom(...required.map((field) => field.path))
          .map((path): Mutation => ({ kind: 'body-delete', path })),
        fc
          .constantFrom(...required.map((field) => field.path))
          .map((path): Mutation => ({ kind: 'body-set', path, value: null })),
      ),
    });
  }
  return mutations;
}

function queryMutations(operation: Operation): Array<fc.WeightedArbitrary<Mutation>> {
  const named = operation.queryParams.map((param) =>
    hostileFor(param.schema).map((value): Mutation => ({
      kind: 'query',
      name: param.name,
      value: queryTexts(value)[0] ?? '',
    })),
  );
  const unknown = fc
    .record({
      name: fc.constantFrom('unknown', '__proto__', 'constructor', 'fields', 'include', 'limit'),
      value: hostileString(),
    })
    .map((m): Mutation => ({ kind: 'query', ...m }));
  const mutations: Array<fc.WeightedArbitrary<Mutation>> = [
    {
      weight: named.length > 0 ? 4 : 1,
      arbitrary: fc.oneof(unknown, ...named.map((arbitrary) => ({ weight: 2, arbitrary }))),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...HOSTILE_RAW_QUERIES)
        .map((text): Mutation => ({ kind: 'query-raw', text })),
    },
  ];
  const required = operation.queryParams.filter((param) => param.required);
  if (required.length > 0) {
    mutations.push({
      weight: 1,
      arbitrary: fc
        .constantFrom(...required.map((param) => param.name))
        .map((name): Mutation => ({ kind: 'query-drop', name })),
    });
  }
  if (operation.queryParams.some((param) => param.name === 'cursor')) {
    mutations.push(
      {
        weight: 2,
        arbitrary: hostileCursor().map((value): Mutation => ({ kind: 'cursor', value })),
      },
      {
        weight: 2,
        arbitrary: fc
          .record({
            pick: fc.nat({ max: 99 }),
            edits: fc.array(
              fc.record({ at: fc.nat({ max: 3 }), key: fc.constantFrom(...HOSTILE_CURSOR_KEYS) }),
              { minLength: 1, maxLength: 3 },
            ),
          })
          .map((m): Mutation => ({ kind: 'cursor-edit', ...m })),
      },
    );
  }
  return mutations;
}

/** The mutations that make sense for `operation`, weighted toward its own fields. */
export function mutationArbitrary(
  operation: Operation,
  fixtures: Fixtures,
  resolve: (ref: string) => SchemaObject,
): fc.Arbitrary<Mutation> {
  const mutations: Array<fc.WeightedArbitrary<Mutation>> = [
    {
      weight: 2,
      arbitrary: hostileAuthorization(fixtures.sampleJwt).map((value): Mutation => ({
        kind: 'authorization',
        value,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ name: fc.constantFrom(...HOSTILE_HEADER_NAMES), value: hostileHeaderValue() })
        .map((m): Mutation => ({ kind: 'header', ...m })),
    },
    ...queryMutations(operation),
    ...bodyMutations(operation, resolve),
  ];
  if (operation.pathParams.length > 0) {
    const names = operation.pathParams.map((param) => param.name);
    mutations.push({
      weight: 4,
      arbitrary: fc.oneof(
        fc
          .record({
            name: fc.constantFrom(...names),
            value: hostileFor(operation.pathParams[0]?.schema).map((v) => queryTexts(v)[0] ?? ''),
          })
          .map((m): Mutation => ({ kind: 'path', ...m, raw: false })),
        fc
          .record({
            name: fc.constantFrom(...names),
            value: fc.constantFrom(...HOSTILE_RAW_SEGMENTS),
          })
          .map((m): Mutation => ({ kind: 'path', ...m, raw: true })),
      ),
    });
  }
  return fc.oneof(...mutations);
}

/** A copy that shares nothing with fast-check's generated value (which shrinking reuses). */
function clone(value: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function isContainer(value: unknown): value is Record<string | number, JsonValue> {
  return typeof value === 'object' && value !== null;
}

function setAt(root: JsonValue, path: FieldPath, value: JsonValue): JsonValue {
  if (path.length === 0) return value;
  const top: JsonValue = isContainer(root) ? root : typeof path[0] === 'number' ? [] : {};
  let container = top as Record<string | number, JsonValue>;
  path.forEach((segment, index) => {
    if (index === path.length - 1) {
      withOwnKey(container, String(segment), value);
      return;
    }
    const next = container[segment];
    if (isContainer(next)) container = next;
    else {
      const created: JsonValue = typeof path[index + 1] === 'number' ? [] : {};
      withOwnKey(container, String(segment), created);
      container = created as Record<string | number, JsonValue>;
    }
  });
  return top;
}

function deleteAt(root: JsonValue, path: FieldPath): void {
  let container: unknown = root;
  for (const segment of path.slice(0, -1)) {
    if (!isContainer(container)) return;
    container = container[segment];
  }
  const last = path[path.length - 1];
  if (isContainer(container) && last !== undefined) delete container[last];
}

function jsonBody(draft: Draft): JsonValue {
  return draft.body?.kind === 'json' ? draft.body.value : {};
}

/** Short label of a mutation, for reports. */
export function describeMutation(mutation: Mutation): string {
  const field = (path: FieldPath) => (path.length === 0 ? '(root)' : path.join('.'));
  switch (mutation.kind) {
    case 'authorization':
      return 'authorization';
    case 'header':
      return `header ${mutation.name}`;
    case 'path':
      return `path ${mutation.name}${mutation.raw ? ' (raw)' : ''}`;
    case 'query':
      return `query ${mutation.name}`;
    case 'query-raw':
      return 'query (raw)';
    case 'query-drop':
      return `query -${mutation.name}`;
    case 'cursor':
      return 'cursor';
    case 'cursor-edit':
      return 'cursor (edited keys)';
    case 'body-set':
      return `body ${field(mutation.path)}`;
    case 'body-delete':
      return `body -${field(mutation.path)}`;
    case 'body-extra':
      return `body +${field([...mutation.at, mutation.key])}`;
    case 'body-replace':
      return 'body (replaced)';
    case 'body-raw':
      return 'body (raw)';
    case 'content-type':
      return 'content-type';
  }
}

/** Applies `mutation` to `draft` in place (the draft is the map's own, never a generated value). */
export function applyMutation(draft: Draft, mutation: Mutation, fixtures: Fixtures): void {
  draft.mutations.push(describeMutation(mutation));
  switch (mutation.kind) {
    case 'authorization':
      draft.headers.Authorization = mutation.value;
      draft.principal = 'forged';
      return;
    case 'header':
      draft.headers[mutation.name] = mutation.value;
      return;
    case 'path':
      draft.pathParams[mutation.name] = { value: mutation.value, raw: mutation.raw };
      return;
    case 'query':
      draft.query = [
        ...draft.query.filter(([name]) => name !== mutation.name),
        [mutation.name, mutation.value],
      ];
      return;
    case 'query-raw':
      draft.rawQuery.push(mutation.text);
      return;
    case 'query-drop':
      draft.query = draft.query.filter(([name]) => name !== mutation.name);
      return;
    case 'cursor':
      draft.query = [
        ...draft.query.filter(([name]) => name !== 'cursor'),
        ['cursor', mutation.value],
      ];
      return;
    case 'cursor-edit': {
      const issued = fixtures.cursors.filter(
        (cursor) => cursor.operationId === draft.operation?.operationId,
      );
      const base = issued[mutation.pick % Math.max(1, issued.length)];
      // Same fingerprint and query, so only the edited keys can be wrong.
      const payload = base
        ? decodeCursorPayload(base.cursor)
        : {
            v: 1,
            f: 'unknown',
            k: ['2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'],
          };
      const keys = Array.isArray(payload.k) ? [...payload.k] : [];
      for (const edit of mutation.edits) keys[edit.at % Math.max(1, keys.length)] = edit.key;
      if (base) {
        draft.path = base.path;
        draft.query = [...base.query];
      }
      draft.query = [
        ...draft.query.filter(([name]) => name !== 'cursor'),
        ['cursor', encodeCursorPayload({ ...payload, k: keys })],
      ];
      return;
    }
    case 'body-set':
      draft.body = {
        kind: 'json',
        value: setAt(jsonBody(draft), mutation.path, clone(mutation.value)),
      };
      return;
    case 'body-delete':
      if (draft.body?.kind === 'json') deleteAt(draft.body.value, mutation.path);
      return;
    case 'body-extra': {
      const body = jsonBody(draft);
      let target: unknown = body;
      for (const segment of mutation.at) target = isContainer(target) ? target[segment] : undefined;
      const value = clone(mutation.value);
      draft.body = {
        kind: 'json',
        value: isContainer(target)
          ? (withOwnKey(target, mutation.key, value), body)
          : setAt(body, [...mutation.at, mutation.key], value),
      };
      return;
    }
    case 'body-replace':
      draft.body = { kind: 'json', value: clone(mutation.value) };
      return;
    case 'body-raw':
      draft.body = { kind: 'raw', raw: mutation.raw };
      return;
    case 'content-type':
      draft.contentType = mutation.value;
      return;
  }
}
