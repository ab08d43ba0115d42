import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenApiDocument, SchemaObject } from './openapi';

type JsonSchema = Record<string, unknown>;

/** Keywords copied as they are (JSON Schema means the same as OpenAPI 3.0 by them). */
const SAME_MEANING = new Set([
  'type',
  'format',
  'enum',
  'required',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'description',
  'title',
  'default',
]);

/** OpenAPI-only annotations with no effect on validity. */
const DROPPED = new Set(['example', 'examples', 'readOnly', 'writeOnly', 'deprecated', 'xml']);

const SCHEMAS_PREFIX = '#/components/schemas/';

export interface ConvertOptions {
  /** `$id` of the root document the component schemas live in. */
  rootId: string;
  /**
   * Objects that list `properties` refuse other members unless `additionalProperties` says
   * otherwise: our DTOs are whitelisted, so an extra member in a 2xx body is drift (or a leak).
   */
  closed: boolean;
}

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `nullable` becomes `anyOf [null, …]` (Ajv's own
 * `nullable` support refuses null when an `allOf` sibling holds the type, as our DTOs write
 * it), references point into the root document, unknown keywords are an error so nothing
 * passes unchecked.
 */
export function toJsonSchema(schema: SchemaObject, options: ConvertOptions): JsonSchema {
  if (schema.$ref !== undefined) {
    if (!schema.$ref.startsWith(SCHEMAS_PREFIX)) throw new Error(`Unsupported $ref ${schema.$ref}`);
    return { $ref: `${options.rootId}#/definitions/${schema.$ref.slice(SCHEMAS_PREFIX.length)}` };
  }
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (SAME_MEANING.has(keyword)) out[keyword] = value;
    else if (DROPPED.has(keyword) || keyword.startsWith('x-') || keyword === 'nullable') continue;
    else if (keyword === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, SchemaObject>).map(([name, property]) => [
          name,
          toJsonSchema(property, options),
        ]),
      );
    } else if (keyword === 'items') out.items = toJsonSchema(value as SchemaObject, options);
    else if (keyword === 'additionalProperties') {
      out.additionalProperties =
        typeof value === 'boolean' ? value : toJsonSchema(value as SchemaObject, options);
    } else if (keyword === 'allOf' || keyword === 'oneOf' || keyword === 'anyOf') {
      out[keyword] = (value as SchemaObject[]).map((member) => toJsonSchema(member, options));
    } else {
      throw new Error(`Keyword "${keyword}" is not supported by the fuzzer's schema converter`);
    }
  }
  if (options.closed && schema.properties !== undefined && !('additionalProperties' in schema)) {
    out.additionalProperties = false;
  }
  return schema.nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map((error) => {
    const where = error.instancePath || '(root)';
    const member = (error.params as { additionalProperty?: unknown }).additionalProperty;
    return error.keyword === 'additionalProperties' && typeof member === 'string'
      ? `${where} has undeclared member "${member}"`
      : `${where} ${error.message ?? 'is invalid'}`;
  });
  return [...new Set(lines)];
}

/**
 * Ajv validators for any schema of the spec, compiled once each: `closed` (2xx bodies and
 * request bodies, whitelisted) and `open` (problem bodies, which may carry extension members).
 */
export class SchemaValidators {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(this.ajv);
    // A UI hint in OpenAPI, not a constraint.
    this.ajv.addFormat('password', true);
    for (const closed of [true, false]) {
      const rootId = closed ? 'closed' : 'open';
      const definitions = Object.fromEntries(
        Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [
          name,
          toJsonSchema(schema, { rootId, closed }),
        ]),
      );
      this.ajv.addSchema({ $id: rootId, definitions });
    }
  }

  /** Problems with `value` against `schema` (empty when valid). */
  errors(schema: SchemaObject, value: unknown, mode: 'closed' | 'open' = 'closed'): string[] {
    const key = `${mode}:${JSON.stringify(schema)}`;
    let validate = this.cache.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(
        toJsonSchema(schema, { rootId: mode, closed: mode === 'closed' }),
      );
      this.cache.set(key, validate);
    }
    return validate(value) ? [] : describe(validate.errors);
  }
}
