import fc from 'fast-check';
import { encodeQuery, percentEncode, queryTexts } from './url-encoding';

describe('percentEncode', () => {
  it('matches encodeURIComponent on well-formed text, so servers decode it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(decodeURIComponent(percentEncode(text))).toBe(text);
      }),
      { seed: 1, numRuns: 500 },
    );
  });

  it('encodes a lone surrogate (which encodeURIComponent refuses) as its WTF-8 bytes', () => {
    expect(() => encodeURIComponent('\uD800')).toThrow(URIError);
    expect(percentEncode('a\uD800b')).toBe('a%ED%A0%80b');
    expect(percentEncode('\uDFFF')).toBe('%ED%BF%BF');
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
  });
});

describe('query serialization', () => {
  it('repeats a parameter for each array item and writes scalars as text', () => {
    expect(queryTexts(['todo', 'done'])).toEqual(['todo', 'done']);
    expect(queryTexts(true)).toEqual(['true']);
    expect(queryTexts(null)).toEqual(['']);
    expect(
      encodeQuery([
        ['q', 'a b&c'],
        ['limit', '5'],
      ]),
    ).toBe('q=a%20b%26c&limit=5');
  });
});
