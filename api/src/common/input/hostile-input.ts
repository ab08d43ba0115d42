import type { FieldError } from '../problem/problem-details';

/** The deepest JSON body we parse; deeper nesting is refused before it reaches any recursion. */
export const MAX_JSON_DEPTH = 64;

/** At most this many offending strings are listed in one problem (the rest are alike). */
const MAX_REPORTED = 20;

/** A UTF-16 surrogate that is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored (Postgres refuses NUL, and lone surrogates are not Unicode). */
export function unsafeCharacterIn(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate';
  return null;
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Every string in `root` (object keys included, at any depth) that holds NUL or a lone
 * surrogate, as field errors whose path starts at `prefix` (`''` for a body, `query.`, ...).
 * Iterative, so no input can exhaust the stack; `maxDepth` also bounds the work.
 */
export function findUnsafeStrings(
  root: unknown,
  prefix = '',
  maxDepth = MAX_JSON_DEPTH + 1,
): FieldError[] {
  const errors: FieldError[] = [];
  interface Item {
    value: unknown;
    path: string;
    depth: number;
    /** The value is an object key (named by its escaped form), not a value. */
    isKey?: boolean;
  }
  const pending: Item[] = [{ value: root, path: prefix, depth: 0 }];
  while (pending.length > 0 && errors.length < MAX_REPORTED) {
    const { value, path, depth, isKey } = pending.pop() as Item;
    if (typeof value === 'string') {
      const problem = unsafeCharacterIn(value);
      if (problem) {
        errors.push({
          path: path === '' ? '(body)' : path,
          message: isKey ? `key ${problem}` : problem,
        });
      }
      continue;
    }
    if (value === null || typeof value !== 'object' || depth >= maxDepth) continue;
    // Pushed last-first, so errors come out in document order.
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) {
        pending.push({ value: value[index], path: childPath(path, index), depth: depth + 1 });
      }
      continue;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index];
      if (unsafeCharacterIn(key)) {
        // The key itself cannot be named safely: quote it escaped.
        pending.push({
          value: key,
          path: childPath(path, JSON.stringify(key)),
          depth,
          isKey: true,
        });
      } else pending.push({ value: child, path: childPath(path, key), depth: depth + 1 });
    }
  }
  return errors;
}

/**
 * Whether JSON `text` nests arrays/objects deeper than `max`, found by one linear scan that
 * skips string contents, before any parser recurses into it. Malformed text is left to the
 * parser to refuse.
 */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}
