import { csvField } from './export-format';
import { csvText, digits, jsonText } from './export-value-bytes';

/** Writes `text` with `write` as the export does (from a tuple's bytes) and decodes the result. */
function written(
  write: (d: DataView, s: number, n: number, out: DataView, u: number) => number,
  text: string,
  at = 3,
): string {
  const bytes = Buffer.from(text, 'utf8');
  // The value sits mid-buffer, between other bytes, as a field does in a tuple.
  const input = Buffer.concat([Buffer.from('abc'), bytes, Buffer.from('xyz')]).subarray(3 - at);
  const out = Buffer.alloc(6 * bytes.length + 16, 0x2a);
  const d = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const end = write(d, at, bytes.length, new DataView(out.buffer, out.byteOffset), 5);
  return out.toString('utf8', 5, end);
}

describe('export value bytes', () => {
  // Each awkward character at every position of a word, and in the tail after the last word.
  const specials = [
    '"',
    '\\',
    '\n',
    '\r',
    '\t',
    '\b',
    '\f',
    '\u0001',
    '\u001f',
    ',',
    '=',
    'é',
    '😀',
  ];
  const texts = specials.flatMap((special) =>
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((at) => 'p'.repeat(at) + special + 'q'.repeat(9 - at)),
  );
  texts.push('', 'plain text of some length', '=SUM(A1)', '-1', 'a,b', 'µ'.repeat(7));

  it.each(texts)('writes %j as JSON.stringify does', (text) => {
    expect(written(jsonText, text)).toBe(JSON.stringify(text));
  });

  it.each(texts)('writes %j as csvField does', (text) => {
    expect(written(csvText, text)).toBe(csvField(text));
  });

  it('writes NULL as null (JSON) and nothing (CSV)', () => {
    const out = Buffer.alloc(16);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    expect(out.toString('latin1', 0, jsonText(view, 0, -1, view, 0))).toBe('null');
    expect(csvText(view, 0, -1, view, 3)).toBe(3);
  });

  it.each([0, 7, 10, 99, 100, 12345, 2 ** 53 - 1, -1, -1000])('writes %d in decimal', (value) => {
    const out = Buffer.alloc(32);
    const end = digits(value, new DataView(out.buffer, out.byteOffset, out.byteLength), 0);
    expect(out.toString('latin1', 0, end)).toBe(String(value));
  });
});
