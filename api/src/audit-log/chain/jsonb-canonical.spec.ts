import { canonicalJson } from './canonical-json';
import { FALLBACK, writeCanonicalJsonb } from './jsonb-canonical';
import { AWKWARD, type Json, randomJson, randomOf } from './jsonb-samples';

/** What verify wrote before: the parse path. */
function parsePath(text: string): string {
  return canonicalJson(JSON.parse(text));
}

/** The fast path's output, or undefined when it leaves the text to the parse path. */
function fastPath(text: string): string | undefined {
  const src = Buffer.from(`..${text}..`, 'utf8'); // inside a larger buffer, as in a tuple
  const out = Buffer.alloc(src.length + 8, 0xff);
  const end = writeCanonicalJsonb(src, 2, src.length - 2, out, 3);
  return end === FALLBACK ? undefined : out.toString('utf8', 3, end);
}

/** Compares UTF-8 bytes, as jsonb orders keys of the same length. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `value` as Postgres' jsonb text writes it: keys by length, then bytes; `", "`, `": "`. */
function jsonbText(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(
      (a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || byteOrder(a, b),
    );
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText(value[key])}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

describe('writeCanonicalJsonb', () => {
  it.each([
    // As PostgreSQL 15 printed these (`SELECT '…'::jsonb::text`).
    '{"a": {"y": null, "z": "x\\"\\\\\\n\\u0001\\u001f é 😀"}, "b": 1, "aa": [1.0, 100, 0, 0.10, 12345678901234567890]}',
    '{"k": 2, "k\\n": 4, "k\\\\": 3, "k\\"q": 1}',
    '[100, 0.0000001, 0.1, 1500000000000000000000000000000000000000, 123456789012345678901234, 0.0, 9007199254740993]',
    '{"1": 5, "9": 4, "10": 3, "__proto__": {"x": 1}, "constructor": 2}',
    '"\\b\\f\\n\\r\\t\\u0001x"',
    '{"a": "\u007f\u2028\u2029😀"}',
    '{"e": 2, "é": 1, "éx": 3, "～": 5, "😀": 4}',
    '{}',
    '[]',
    'null',
    '-0',
    '{"a": [], "b": {}, "c": [{}, []]}',
  ])('writes what the parse path writes for %s', (text) => {
    const fast = fastPath(text);
    expect(fast ?? parsePath(text)).toBe(parsePath(text));
  });

  it('takes the fast path for jsonb text with ASCII keys, and re-orders them', () => {
    const text = '{"b": 1, "aa": {"zz": [1.0, -0.50, "q\\""], "a": true}, "a": null}';
    expect(fastPath(text)).toBe('{"a":null,"aa":{"a":true,"zz":[1,-0.5,"q\\""]},"b":1}');
    expect(fastPath(text)).toBe(parsePath(text));
  });

  it('leaves to the parse path what it cannot write from bytes', () => {
    for (const text of [
      '{"é": 1}', // non-ASCII key: UTF-16 order may differ from byte order
      '{"\\n": 1}', // escaped key
      '["\\u0041"]', // an escape JSON.stringify would not write
      '["\\/"]',
      '["\\u0009"]', // JSON.stringify writes \t
      '["\\u001F"]', // upper-case hex
      '[1e5]', // exponent: jsonb never writes one
      '{"a": 1, "a": 2}', // duplicate key: jsonb never writes one
      '[01]',
      '["a\tb"]', // raw control character
      '[1, 2',
      '{"a" 1}',
      '[tru]',
      '[1] x',
      '[' + '1'.repeat(400) + ']', // not finite as a double: the parse path throws
      '['.repeat(100) + ']'.repeat(100),
    ]) {
      expect(fastPath(text)).toBeUndefined();
    }
    expect(() => parsePath('[' + '1'.repeat(400) + ']')).toThrow(TypeError);
  });

  it('agrees with the parse path on the awkward values and 3,000 random ones', () => {
    const random = randomOf(16);
    const values = [...AWKWARD, ...Array.from({ length: 3000 }, () => randomJson(random, 4))];
    let fast = 0;
    for (const value of values) {
      const text = jsonbText(value);
      const written = fastPath(text);
      if (written !== undefined) fast += 1;
      expect(written ?? parsePath(text)).toBe(parsePath(text));
    }
    // Most random values have only ASCII keys: the fast path must be the common one.
    expect(fast).toBeGreaterThan(values.length / 2);
  });

  it('does not write past the input length', () => {
    const text = '{"b": [0.10000, 1.0, 123456789012345678901234567890], "a": "x"}';
    const src = Buffer.from(text);
    const out = Buffer.alloc(src.length);
    const end = writeCanonicalJsonb(src, 0, src.length, out, 0);
    expect(out.toString('utf8', 0, end)).toBe(parsePath(text));
  });
});
