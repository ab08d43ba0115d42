import { randomUUID } from 'node:crypto';
import { resolveSchema, Schema } from './spec-operations';

/**
 * Every size limit a request body schema declares (`maxLength` of strings, `maxItems` of
 * arrays, `maxLength` of array items), found at any depth, each with a value one past it.
 */
export interface LimitCase {
  /** Property path from the body root, e.g. `['changes', 'labels']`. */
  path: string[];
  limit: 'maxLength' | 'maxItems' | 'items.maxLength';
  max: number;
  /** A value just over the limit, otherwise valid (unique items, email-shaped emails). */
  overLimit: unknown;
}

function tooLongString(schema: Schema, max: number): string {
  if (schema.format === 'email')
    return `${'a'.repeat(max + 1 - '@example.com'.length)}@example.com`;
  return 'a'.repeat(max + 1);
}

/** A distinct valid-looking item (`index` keeps them unique: some arrays require it). */
function sampleItem(schema: Schema | undefined, index: number): unknown {
  const item = resolveSchema(schema ?? {});
  if (item.format === 'uuid') return randomUUID();
  if (item.enum) return item.enum[index % item.enum.length];
  return `item-${index}`;
}

export function limitCases(schema: Schema, path: string[] = []): LimitCase[] {
  const resolved = resolveSchema(schema);
  const cases: LimitCase[] = [];
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    cases.push(...limitCases(property, [...path, name]));
  }
  if (resolved.type === 'string' && resolved.maxLength !== undefined) {
    const max = resolved.maxLength;
    cases.push({ path, limit: 'maxLength', max, overLimit: tooLongString(resolved, max) });
  }
  if (resolved.type === 'array') {
    if (resolved.maxItems !== undefined) {
      const max = resolved.maxItems;
      const overLimit = Array.from({ length: max + 1 }, (_, i) => sampleItem(resolved.items, i));
      cases.push({ path, limit: 'maxItems', max, overLimit });
    }
    const item = resolveSchema(resolved.items ?? {});
    if (item.type === 'string' && item.maxLength !== undefined) {
      const max = item.maxLength;
      cases.push({ path, limit: 'items.maxLength', max, overLimit: [tooLongString(item, max)] });
    }
  }
  return cases;
}

/** `body` with `value` at `path` (objects on the way created as needed). */
export function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body ?? {}) as Record<string, unknown>;
  let node = copy;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Record<string, unknown>;
  });
  return copy;
}

/** A JSON text nesting arrays `depth` levels deep around a small object. */
export function nestedJson(depth: number): string {
  return `${'['.repeat(depth - 1)}{"x":1}${']'.repeat(depth - 1)}`;
}
