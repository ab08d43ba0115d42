import fc from 'fast-check';
import { followRef, listOperations, loadSpec, type SchemaObject } from './openapi';
import { schemaArbitrary, type JsonValue, type SchemaArbitraryOptions } from './schema-arbitrary';
import { SchemaValidators } from './schema-validators';

const document = loadSpec();
const validators = new SchemaValidators(document);
const options: SchemaArbitraryOptions = {
  resolve: (ref) => followRef<SchemaObject>(document, ref),
};

/** Every schema the generator meets in a run: components, request bodies, parameters. */
const specSchemas: Array<[string, SchemaObject]> = [
  ...Object.keys(document.components?.schemas ?? {}).map((name): [string, SchemaObject] => [
    name,
    { $ref: `#/components/schemas/${name}` },
  ]),
  ...listOperations(document).flatMap((operation) => [
    ...[...operation.pathParams, ...operation.queryParams, ...operation.headerParams].map(
      (param): [string, SchemaObject] => [`${operation.operationId} ${param.name}`, param.schema],
    ),
  ]),
];

describe('schemaArbitrary', () => {
  it.each(specSchemas)('generates only values valid against %s', (_name, schema) => {
    fc.assert(
      fc.property(schemaArbitrary(schema, options), (value) => {
        expect(validators.errors(schema, value)).toEqual([]);
      }),
      { numRuns: 150, seed: 15 },
    );
  });

  it('honours required members, bounds, uniqueness and nullable in a synthetic schema', () => {
    const schema: SchemaObject = {
      type: 'object',
      required: ['code', 'tags'],
      properties: {
        code: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{2}$' },
        tags: { type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 1, uniqueItems: true },
        count: { type: 'integer', minimum: 3, maximum: 5 },
        when: { type: 'string', format: 'date-time', nullable: true },
        choice: { oneOf: [{ type: 'boolean' }, { type: 'string', format: 'uuid' }] },
      },
    };
    const values = fc.sample(schemaArbitrary(schema, options), { seed: 7, numRuns: 400 });
    for (const value of values) expect(validators.errors(schema, value)).toEqual([]);
    const objects = values as Array<Record<string, JsonValue>>;
    // Optional members are sometimes left out, nullable ones sometimes null.
    expect(objects.some((v) => !('count' in v))).toBe(true);
    expect(objects.some((v) => v.count === 3) && objects.some((v) => v.count === 5)).toBe(true);
    expect(objects.some((v) => v.when === null)).toBe(true);
    expect(objects.some((v) => typeof v.when === 'string')).toBe(true);
    expect(new Set(objects.map((v) => typeof v.choice))).toEqual(
      new Set(['boolean', 'string', 'undefined']),
    );
  });

  it('reaches a string bound exactly, as a boundary case', () => {
    const schema: SchemaObject = { $ref: '#/components/schemas/CreateTask' };
    const titles = fc
      .sample(schemaArbitrary(schema, options), { seed: 3, numRuns: 500 })
      .map((task) => [...(task as { title: string }).title].length);
    expect(titles).toContain(200);
    expect(titles).toContain(1);
  });

  it('lets an override replace the value at one location, and only there', () => {
    const schema: SchemaObject = { $ref: '#/components/schemas/BulkUpdateTasks' };
    const realId = '3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c';
    const values = fc.sample(
      schemaArbitrary(schema, {
        ...options,
        override: (_schema, path) =>
          path.join('.') === 'ids.[]' ? fc.constant(realId) : undefined,
      }),
      { seed: 5, numRuns: 100 },
    ) as Array<{ ids: string[]; changes: Record<string, JsonValue> }>;
    for (const value of values) {
      expect(value.ids).toEqual([realId]);
    }
    expect(values.some((v) => typeof v.changes.assigneeId === 'string')).toBe(true);
    expect(values.every((v) => v.changes.assigneeId !== realId)).toBe(true);
  });
});
