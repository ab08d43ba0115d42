import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/** Keywords that only annotate: they never make a value invalid. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
]);

const FORMATS: Record<string, (value: string) => boolean> = {
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  'date-time': (v) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
    !Number.isNaN(Date.parse(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  uri: (v) => /^[a-z][a-z0-9+.-]*:/i.test(v),
  password: () => true,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Checks `value` against an OpenAPI 3.0 schema of this document and lists what is wrong
 * (empty when valid). Objects that declare `properties` refuse other members unless they
 * allow `additionalProperties`, as the API's validation does. A keyword it does not know is
 * reported too, so a schema it cannot judge never passes by accident.
 */
export function schemaErrors(
  document: OpenAPIObject,
  schema: unknown,
  value: unknown,
  path = '$',
): string[] {
  const node = resolve(document, schema);
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${path}: ${message}`);
  if (value === null) {
    if (node.nullable === true) return [];
    if (node.type !== undefined || node.properties !== undefined) return [`${path}: is null`];
  }
  for (const [keyword, constraint] of Object.entries(node)) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    switch (keyword) {
      case 'nullable':
        break; // judged above
      case 'required':
      case 'additionalProperties':
        if (node.properties === undefined && typeOf(value) === 'object') {
          // Judged once, with the other object keywords.
          if (keyword === 'required' || node.required === undefined) {
            errors.push(...objectErrors(document, node, value, path));
          }
        }
        break;
      case 'type': {
        const actual = typeOf(value);
        const ok = actual === constraint || (constraint === 'number' && actual === 'integer');
        if (!ok) fail(`is ${actual}, not ${String(constraint)}`);
        break;
      }
      case 'enum':
        if (!(constraint as unknown[]).includes(value))
          fail(`${JSON.stringify(value)} not in enum`);
        break;
      case 'format': {
        const check = FORMATS[constraint as string];
        if (!check) fail(`unknown format ${String(constraint)}`);
        else if (typeof value === 'string' && !check(value)) fail(`not a ${String(constraint)}`);
        break;
      }
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (constraint as number)) {
          fail(`shorter than ${String(constraint)}`);
        }
        break;
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > (constraint as number)) {
          fail(`longer than ${String(constraint)}`);
        }
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(constraint as string, 'u').test(value)) {
          fail(`does not match ${String(constraint)}`);
        }
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (constraint as number)) fail('below minimum');
        break;
      case 'maximum':
        if (typeof value === 'number' && value > (constraint as number)) fail('above maximum');
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (constraint as number)) fail('too few items');
        break;
      case 'maxItems':
        if (Array.isArray(value) && value.length > (constraint as number)) fail('too many items');
        break;
      case 'uniqueItems':
        if (
          constraint === true &&
          Array.isArray(value) &&
          new Set(value.map((item) => JSON.stringify(item))).size !== value.length
        ) {
          fail('items are not unique');
        }
        break;
      case 'items':
        if (Array.isArray(value)) {
          value.forEach((item, i) =>
            errors.push(...schemaErrors(document, constraint, item, `${path}[${i}]`)),
          );
        }
        break;
      case 'properties':
        if (typeOf(value) === 'object') errors.push(...objectErrors(document, node, value, path));
        break;
      case 'allOf':
        for (const part of constraint as unknown[]) {
          errors.push(...schemaErrors(document, part, value, path));
        }
        break;
      case 'anyOf':
      case 'oneOf': {
        const passing = (constraint as unknown[]).filter(
          (part) => schemaErrors(document, part, value, path).length === 0,
        ).length;
        if (passing === 0 || (keyword === 'oneOf' && passing > 1)) {
          fail(`matches ${passing} of the ${keyword} schemas`);
        }
        break;
      }
      default:
        fail(`schema keyword "${keyword}" is not supported by this check`);
    }
  }
  return errors;
}

function objectErrors(document: OpenAPIObject, node: Schema, value: unknown, path: string) {
  const object = value as Record<string, unknown>;
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  const errors: string[] = [];
  for (const name of (node.required as string[] | undefined) ?? []) {
    if (object[name] === undefined) errors.push(`${path}: misses required ${name}`);
  }
  for (const [name, member] of Object.entries(object)) {
    if (name in properties) {
      errors.push(...schemaErrors(document, properties[name], member, `${path}.${name}`));
    } else if (
      node.additionalProperties === false ||
      (node.additionalProperties === undefined && node.properties !== undefined)
    ) {
      errors.push(`${path}: unknown member ${name}`);
    } else if (typeof node.additionalProperties === 'object') {
      errors.push(...schemaErrors(document, node.additionalProperties, member, `${path}.${name}`));
    }
  }
  return errors;
}

/** Follows `$ref`s within the document (`#/components/...`). */
export function resolve(document: OpenAPIObject, schema: unknown): Schema {
  let node = schema as Schema;
  while (typeof node.$ref === 'string') {
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (parent, key) => (parent as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/')],
        document,
      );
    if (target === undefined) throw new Error(`Unresolved $ref ${node.$ref}`);
    node = target as Schema;
  }
  return node;
}
