import fc from 'fast-check';
import type { Fixtures, IdPools } from './fixtures';
import type { Operation, SchemaObject } from './openapi';
import type { JsonValue, SchemaArbitraryOptions, SchemaPath } from './schema-arbitrary';

/** Stands in for an empty pool, so the arbitrary's shape never depends on what setup made. */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Values from `pool` three times in four, else `fromSchema`. Picks by index modulo the pool
 * size: a seed replays the same choices in another run, whose rows have other ids.
 */
export function fromPool(
  pool: readonly JsonValue[],
  fromSchema: fc.Arbitrary<JsonValue>,
): fc.Arbitrary<JsonValue> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.nat({ max: 999 }).map((index) => pool[index % pool.length] ?? NO_SUCH_ID),
    },
    { weight: 1, arbitrary: fromSchema },
  );
}

/** Which pool a path's `{id}` draws from (victims only for users: never a principal). */
const PATH_POOLS: ReadonlyArray<[prefix: string, pool: keyof IdPools]> = [
  ['/api/v1/tasks/', 'tasks'],
  ['/api/v1/users/', 'victims'],
  ['/api/v1/auth/sessions/', 'sessions'],
  ['/api/v1/auth/tokens/', 'tokens'],
  ['/api/v1/audit/exports/', 'exports'],
];

/** Query parameters and body fields that name a row, by name. */
const FIELD_POOLS: Readonly<Record<string, keyof IdPools>> = {
  assigneeId: 'users',
  actorId: 'users',
  targetId: 'tasks',
};

function joined(path: SchemaPath): string {
  return path.join('.');
}

/**
 * The override the schema arbitrary takes for one operation: real ids where a field names a
 * row, working credentials for sign-in and password change, taken emails for sign-up (a 409).
 */
export function realValues(
  operation: Operation,
  fixtures: Fixtures,
): NonNullable<SchemaArbitraryOptions['override']> {
  const emails = fixtures.credentials.map((c) => c.email);
  return (_schema: SchemaObject, path: SchemaPath, fromSchema) => {
    const where = joined(path);
    const field = path[path.length - 1];
    if (operation.operationId === 'login' && where === '') {
      return fc.oneof(
        { weight: 2, arbitrary: fromSchema() },
        { weight: 1, arbitrary: fc.constantFrom(...fixtures.credentials) },
      );
    }
    if (operation.operationId === 'changeMyPassword' && where === 'currentPassword') {
      return fromPool(
        fixtures.credentials.map((c) => c.password),
        fromSchema(),
      );
    }
    if (['register', 'createUser'].includes(operation.operationId) && where === 'email') {
      return fc.oneof(
        { weight: 4, arbitrary: fromSchema() },
        { weight: 1, arbitrary: fc.constantFrom(...emails, ...emails.map((e) => e.toUpperCase())) },
      );
    }
    if (operation.operationId === 'bulkUpdateTasks' && where === 'ids.[]') {
      return fromPool(fixtures.ids.tasks, fromSchema());
    }
    if (path.length === 1 && operation.pathParams.some((param) => param.name === field)) {
      const pool = PATH_POOLS.find(([prefix]) => operation.pathTemplate.startsWith(prefix));
      if (pool !== undefined) return fromPool(fixtures.ids[pool[1]], fromSchema());
    }
    const pool = field === undefined ? undefined : FIELD_POOLS[field];
    return pool === undefined ? undefined : fromPool(fixtures.ids[pool], fromSchema());
  };
}
