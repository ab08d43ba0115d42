/**
 * Test values for `writeCanonicalJsonb`: awkward JSON values (keys in every order, escapes,
 * numbers jsonb rewrites) and a seeded generator of random ones. Shared by the unit spec (on
 * text written the way jsonb writes it) and the e2e spec (on Postgres' own jsonb text).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Deterministic PRNG (mulberry32): the same values on every run. */
export function randomOf(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['a', 'b', 'aa', 'B', 'Z', '_', 'ab', 'ba', 'title', 'before', 'after', '10', '9'];
const ODD_KEYS = ['é', 'k"q', 'k\\', 'k\n', '😀', '\uff5e', '__proto__', ''];
const STRINGS = [
  '',
  'x',
  'Title, "v2"',
  'tab\tnew\nline',
  '\u0001\u001f\u007f',
  'ä😀 \u2028',
  '\\',
];
const NUMBERS = [
  0,
  -1,
  1.5,
  0.1,
  1e-7,
  123456789012345,
  1234567890123456,
  2 ** 53 + 2,
  1e21,
  -2.5e-5,
];

/** A random JSON value of at most `depth` levels. */
export function randomJson(random: () => number, depth: number): Json {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const kind = Math.floor(random() * (depth > 0 ? 7 : 5));
  switch (kind) {
    case 0:
      return pick([null, true, false]);
    case 1:
      return pick(NUMBERS);
    case 2:
      return Math.floor(random() * 2_000_000) - 1_000_000;
    case 3:
    case 4:
      return pick(STRINGS);
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth - 1));
    default: {
      const value: { [key: string]: Json } = {};
      const count = Math.floor(random() * 5);
      for (let i = 0; i < count; i += 1) {
        const key = random() < 0.1 ? pick(ODD_KEYS) : pick(KEYS);
        Object.defineProperty(value, key, {
          value: randomJson(random, depth - 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return value;
    }
  }
}

/** Values whose canonical form the fast path must get right or leave to the parse path. */
export const AWKWARD: Json[] = [
  { title: { before: 'Title 1', after: 'Title, "v2"' } },
  {
    b: 1,
    aa: [1.5, 100, 0, 0.1, Number('12345678901234567890')],
    a: { z: 'x"\\\n\u0001 é 😀', y: null },
  },
  { é: 1, e: 2, éx: 3, '😀': 4, '\uff5e': 5 },
  { 'k"q': 1, k: 2, 'k\\': 3, 'k\n': 4 },
  [100, 1e-7, 0.1, 1.5e300, Number('123456789012345678901234'), -0, 2 ** 53 + 1],
  { 10: 3, 9: 4, 1: 5, constructor: 2 },
  '\b\f\n\r\t\u0001x',
  { a: '\u007f\u2028\u2029😀' },
  {},
  [],
  [[[]], {}, [{}]],
  { a: { b: { c: { d: [true, false, null, 'x\u0001y'] } } }, zz: 'x'.repeat(300) },
];
