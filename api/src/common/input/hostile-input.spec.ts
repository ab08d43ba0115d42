import {
  findUnsafeStrings,
  jsonDepthExceeds,
  MAX_JSON_DEPTH,
  unsafeCharacterIn,
} from './hostile-input';

const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('unsafeCharacterIn', () => {
  it.each([
    ['NUL', 'a\u0000b', /NUL/],
    ['lone high surrogate', 'a\uD800b', /surrogate/],
    ['lone high surrogate at the end', 'ab\uDBFF', /surrogate/],
    ['lone low surrogate', '\uDC00x', /surrogate/],
    ['reversed pair', '\uDC00\uD800', /surrogate/],
  ])('refuses a %s', (_name, text, message) => {
    expect(unsafeCharacterIn(text)).toMatch(message);
  });

  it('accepts ordinary text, paired surrogates (emoji) and other control characters', () => {
    for (const text of ['', 'plain', 'Zoë 😀 日本', 'tab\tnewline\n\u0001']) {
      expect(unsafeCharacterIn(text)).toBeNull();
    }
  });
});

describe('findUnsafeStrings', () => {
  it('names each offending value by its path, at any depth, keys included', () => {
    const body = {
      title: 'ok',
      changes: { status: 'to\u0000do', labels: ['fine', 'bad\uD800'] },
      items: [{ deep: [{ deeper: '\u0000' }] }],
      ['k\u0000ey']: 'value',
    };
    expect(findUnsafeStrings(body)).toEqual([
      { path: 'changes.status', message: 'must not contain the NUL character (U+0000)' },
      { path: 'changes.labels[1]', message: 'must not contain a lone UTF-16 surrogate' },
      { path: 'items[0].deep[0].deeper', message: 'must not contain the NUL character (U+0000)' },
      { path: '"k\\u0000ey"', message: 'key must not contain the NUL character (U+0000)' },
    ]);
  });

  it('finds nothing in clean input, numbers, booleans and nulls', () => {
    expect(findUnsafeStrings({ a: 1, b: [true, null, 'x'], c: { d: 'é' } })).toEqual([]);
    expect(findUnsafeStrings(undefined)).toEqual([]);
  });

  it('names a bare string body and a query value', () => {
    expect(findUnsafeStrings('\u0000')[0]?.path).toBe('(body)');
    expect(findUnsafeStrings({ q: 'x\u0000' })[0]?.path).toBe('q');
  });

  it('walks without recursion, so very deep values cannot overflow the stack', () => {
    let value: unknown = '\u0000';
    for (let depth = 0; depth < 100_000; depth += 1) value = [value];
    expect(findUnsafeStrings(value, '', 200_000)).toHaveLength(1);
    // The default bound stops well before: the depth check refuses such bodies anyway.
    expect(findUnsafeStrings(value)).toEqual([]);
  });

  it('reports at most 20 offending strings', () => {
    expect(findUnsafeStrings(Array.from({ length: 100 }, () => '\u0000'))).toHaveLength(20);
  });
});

describe('jsonDepthExceeds', () => {
  it(`allows ${MAX_JSON_DEPTH} levels and refuses one more`, () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(`{"a":${nested(5000)}}`)).toBe(true);
    expect(jsonDepthExceeds('{"a":'.repeat(100) + '1' + '}'.repeat(100))).toBe(true);
  });

  it('counts siblings, not totals', () => {
    const wide = `[${Array.from({ length: 1000 }, () => nested(10)).join(',')}]`;
    expect(jsonDepthExceeds(wide)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '['.repeat(500), b: `\\"${'{'.repeat(500)}`, c: ['"['] });
    expect(jsonDepthExceeds(text)).toBe(false);
  });
});
