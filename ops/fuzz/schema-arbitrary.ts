import fc from 'fast-check';
import type { SchemaObject } from './openapi';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Where a value sits in its document: property names, `[]` for an array's items. */
export type SchemaPath = readonly string[];

export interface SchemaArbitraryOptions {
  /** Follows a `$ref` of the document. */
  resolve: (ref: string) => SchemaObject;
  /**
   * A replacement generator for one location, or undefined to generate from the schema (the
   * request generator mixes in ids of rows that exist, so id fields reach real data);
   * `fromSchema` is the generator the schema alone gives there.
   */
  override?(
    schema: SchemaObject,
    path: SchemaPath,
    fromSchema: () => fc.Arbitrary<JsonValue>,
  ): fc.Arbitrary<JsonValue> | undefined;
}

/** Strings longer than this are generated only as boundary cases, cheaply. */
const TYPICAL_STRING_LENGTH = 24;
const TYPICAL_ARRAY_LENGTH = 4;
/** Arrays without a declared maximum are tried up to this size; declared maxima up to 500. */
const BOUNDARY_ARRAY_LENGTH = 25;
const LARGEST_BOUNDARY_ARRAY = 500;
const UNBOUNDED_NUMBER = 1_000_000;

/** One code point, anything but NUL and lone surrogates (the API refuses those by design). */
const anyCodePoint = fc
  .integer({ min: 1, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

/**
 * `$ref`s followed and `allOf` members merged into one schema: the spec writes enums and
 * nested DTOs as `allOf: [{ $ref }]` with `nullable`/`example` siblings.
 */
export function flattenSchema(
  schema: SchemaObject,
  resolve: (ref: string) => SchemaObject,
): SchemaObject {
  let current: SchemaObject = schema;
  for (let hops = 0; current.$ref !== undefined; hops++) {
    if (hops > 32) throw new Error(`Reference cycle at ${current.$ref}`);
    current = resolve(current.$ref);
  }
  if (current.allOf === undefined) return current;
  const { allOf, ...siblings } = current;
  let merged: SchemaObject = {};
  for (const member of allOf) {
    const flat = flattenSchema(member, resolve);
    merged = {
      ...merged,
      ...flat,
      ...((merged.properties !== undefined || flat.properties !== undefined) && {
        properties: { ...merged.properties, ...flat.properties },
      }),
      ...((merged.required !== undefined || flat.required !== undefined) && {
        required: [...(merged.required ?? []), ...(flat.required ?? [])],
      }),
    };
  }
  return { ...merged, ...siblings };
}

function lengthBounds(schema: SchemaObject): { min: number; max: number | undefined } {
  return { min: schema.minLength ?? 0, max: schema.maxLength };
}

/** Strings of the schema's length: mostly short, sometimes exactly at a bound. */
function plainString(schema: SchemaObject): fc.Arbitrary<string> {
  const { min, max } = lengthBounds(schema);
  const typicalMax = Math.max(min, Math.min(max ?? TYPICAL_STRING_LENGTH, TYPICAL_STRING_LENGTH));
  const options: Array<fc.WeightedArbitrary<string>> = [
    {
      weight: 6,
      arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: typicalMax }),
    },
    {
      weight: 2,
      arbitrary: fc.string({ unit: anyCodePoint, minLength: min, maxLength: typicalMax }),
    },
  ];
  // Boundaries, built by repetition so a 10,000-character value costs nothing to generate.
  const boundaries = [min, max].filter((n): n is number => n !== undefined && n > 0);
  if (boundaries.length > 0) {
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...boundaries), fc.constantFrom('a', 'é', '😀', '字'))
        .map(([length, unit]) => unit.repeat(length)),
    });
  }
  return fc.oneof(...options);
}

function dateTime(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2090-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
      fc.constantFrom(0, 0, 60, -330, 840),
    )
    .map(([date, offsetMinutes]) => {
      if (offsetMinutes === 0) return date.toISOString();
      const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const mm = String(abs % 60).padStart(2, '0');
      return `${local}${sign}${hh}:${mm}`;
    });
}

/** Plain addresses (letters and digits): what every email validator agrees on. */
function email(schema: SchemaObject): fc.Arbitrary<string> {
  const word = (maxLength: number) =>
    fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
      minLength: 1,
      maxLength,
    });
  const tld = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    minLength: 2,
    maxLength: 6,
  });
  return fc
    .tuple(word(20), word(12), tld)
    .map(([local, domain, top]) => `${local}@${domain}.${top}`)
    .filter((value) => value.length <= (schema.maxLength ?? 254));
}

function stringFor(schema: SchemaObject): fc.Arbitrary<string> {
  const { min, max } = lengthBounds(schema);
  const fits = (value: string) => {
    const length = [...value].length;
    return length >= min && (max === undefined || length <= max);
  };
  switch (schema.format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date-time':
      return dateTime();
    case 'date':
      return dateTime().map((value) => value.slice(0, 10));
    case 'email':
      return email(schema);
    case 'uri':
      return fc.webUrl().filter(fits);
    default:
      if (schema.pattern !== undefined) {
        return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
      }
      return plainString(schema);
  }
}

function numberFor(schema: SchemaObject): fc.Arbitrary<number> {
  const min = schema.minimum ?? -UNBOUNDED_NUMBER;
  const max = schema.maximum ?? UNBOUNDED_NUMBER;
  const integers = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  if (schema.type === 'integer') return integers;
  // `number` in our DTOs is mostly a count or a limit: integers, with some fractions.
  return fc.oneof(
    { weight: 4, arbitrary: integers },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
  );
}

function arrayFor(
  schema: SchemaObject,
  options: SchemaArbitraryOptions,
  path: SchemaPath,
): fc.Arbitrary<JsonValue[]> {
  const items = schemaArbitrary(schema.items ?? {}, options, [...path, '[]']);
  const minLength = schema.minItems ?? 0;
  const cap = (limit: number) => Math.max(minLength, Math.min(schema.maxItems ?? limit, limit));
  const build = (maxLength: number) =>
    schema.uniqueItems === true
      ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
      : fc.array(items, { minLength, maxLength });
  const boundary = Math.min(schema.maxItems ?? BOUNDARY_ARRAY_LENGTH, LARGEST_BOUNDARY_ARRAY);
  return fc.oneof(
    { weight: 8, arbitrary: build(cap(TYPICAL_ARRAY_LENGTH)) },
    { weight: 1, arbitrary: build(Math.max(minLength, boundary)) },
  );
}

function objectFor(
  schema: SchemaObject,
  options: SchemaArbitraryOptions,
  path: SchemaPath,
): fc.Arbitrary<JsonValue> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) {
    const values =
      typeof schema.additionalProperties === 'object'
        ? schemaArbitrary(schema.additionalProperties, options, [...path, '*'])
        : fc.jsonValue({ maxDepth: 2 }).map((v) => v as JsonValue);
    return fc.dictionary(
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
      values,
      {
        maxKeys: 3,
        noNullPrototype: true,
      },
    );
  }
  const model: Record<string, fc.Arbitrary<JsonValue>> = {};
  for (const name of names) {
    model[name] = schemaArbitrary(properties[name] ?? {}, options, [...path, name]);
  }
  const required = (schema.required ?? []).filter((name) => name in properties);
  return fc.record(model, { requiredKeys: required, noNullPrototype: true });
}

/**
 * A fast-check arbitrary of values VALID against an OpenAPI 3.0 schema of our spec: types,
 * enums, formats (uuid, date-time, date, email, uri), patterns, length/size/range bounds
 * (with boundary values), required/optional members, nullable, allOf/oneOf/anyOf, `$ref`s.
 */
export function schemaArbitrary(
  schema: SchemaObject,
  options: SchemaArbitraryOptions,
  path: SchemaPath = [],
): fc.Arbitrary<JsonValue> {
  const fromSchema = () => {
    const flat = flattenSchema(schema, options.resolve);
    const base = nonNullArbitrary(flat, options, path);
    return flat.nullable === true ? fc.option(base, { nil: null, freq: 5 }) : base;
  };
  return options.override?.(schema, path, fromSchema) ?? fromSchema();
}

function nonNullArbitrary(
  schema: SchemaObject,
  options: SchemaArbitraryOptions,
  path: SchemaPath,
): fc.Arbitrary<JsonValue> {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives !== undefined) {
    return fc.oneof(...alternatives.map((member) => schemaArbitrary(member, options, path)));
  }
  if (schema.enum !== undefined) return fc.constantFrom(...(schema.enum as JsonValue[]));
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'number':
    case 'integer':
      return numberFor(schema);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return arrayFor(schema, options, path);
    case 'object':
      return objectFor(schema, options, path);
    default:
      return schema.properties !== undefined
        ? objectFor(schema, options, path)
        : fc.jsonValue({ maxDepth: 2 }).map((v) => v as JsonValue);
  }
}
