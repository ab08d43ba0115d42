/** Keys whose values are data (examples, defaults), not schemas: never rewritten. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'x-enum-varnames']);

/**
 * A sort enum lists fields, each also prefixed with `-` for descending (`createdAt`,
 * `-createdAt`). Generators turn `-createdAt` into `_CREATED_AT`, hence explicit names.
 */
export function isSortEnum(values: readonly string[]): boolean {
  return values.some((value) => value.startsWith('-') && values.includes(value.slice(1)));
}

function constantCase(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * Readable member names for an enum's values, as generators read them from `x-enum-varnames`:
 * `in_progress` → `IN_PROGRESS`, `tasks:read` → `TASKS_READ`, and for sort enums
 * `createdAt` → `CREATED_AT_ASC`, `-createdAt` → `CREATED_AT_DESC`. Always valid, unique
 * identifiers.
 */
export function enumVarnames(values: readonly string[]): string[] {
  const sort = isSortEnum(values);
  const used = new Set<string>();
  return values.map((value, index) => {
    const descending = sort && value.startsWith('-');
    const base = constantCase(descending ? value.slice(1) : value) || `VALUE_${index}`;
    let name = sort ? `${base}_${descending ? 'DESC' : 'ASC'}` : base;
    if (/^[0-9]/.test(name)) name = `_${name}`;
    while (used.has(name)) name = `${name}_${index}`;
    used.add(name);
    return name;
  });
}

/**
 * Adds `x-enum-varnames` to every string enum of the document (named schemas, inline
 * properties and parameters alike) that does not name its members already.
 */
export function addEnumVarnames(node: unknown, isPropertyMap = false): void {
  if (Array.isArray(node)) {
    for (const item of node) addEnumVarnames(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  const values = schema.enum;
  if (
    !isPropertyMap &&
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((value): value is string => typeof value === 'string') &&
    schema['x-enum-varnames'] === undefined
  ) {
    schema['x-enum-varnames'] = enumVarnames(values);
  }
  for (const [key, value] of Object.entries(schema)) {
    // In `properties`, keys are field names (a field may be called `default`), not keywords.
    if (isPropertyMap) addEnumVarnames(value);
    else if (!DATA_KEYS.has(key)) addEnumVarnames(value, key === 'properties');
  }
}
