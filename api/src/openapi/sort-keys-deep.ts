/**
 * Returns a copy with every object's keys sorted (arrays keep their order), so the written
 * spec does not depend on module or decorator order: a diff means a real change.
 */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeysDeep(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, item]) => [key, sortKeysDeep(item)] as const);
  return Object.fromEntries(entries) as T;
}
