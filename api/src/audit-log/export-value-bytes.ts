/**
 * Binary COPY values written as export text into an output buffer: each takes the value at `s`
 * (`n` bytes, -1 for NULL) of the tuple's view `d`, writes it into `out` from `u` and returns
 * the new end. Text values are UTF-8 from Postgres and every byte the formats care about is
 * ASCII, which never occurs inside a multi-byte sequence, so escaping works on bytes.
 *
 * Bytes move four at a time through DataViews (a byte loop costs about 3× as much, and
 * `Buffer.copy` makes a view per call), and a word is tested for bytes that need escaping or
 * quoting all at once (the "has a zero byte" bit trick); only a value that has one is then
 * written byte by byte.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const APOSTROPHE = 0x27;

/** Bytes `JSON.stringify` escapes in a well-formed string: `"`, `\` and C0 controls. */
const JSON_ESCAPE = new Uint8Array(256);
for (let b = 0; b < 0x20; b += 1) JSON_ESCAPE[b] = 1;
JSON_ESCAPE[QUOTE] = 1;
JSON_ESCAPE[BACKSLASH] = 1;
/** The short escapes `JSON.stringify` uses; other controls become `\u00xx` (lower-case hex). */
const JSON_SHORT: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 };
/** `csvField`: quotes when the value holds `"`, `,`, CR or LF. */
const CSV_QUOTE = new Uint8Array(256);
for (const c of '",\r\n') CSV_QUOTE[c.charCodeAt(0)] = 1;
/** `csvField`'s formula guard: a leading `= + - @`, tab or CR. */
const CSV_GUARD = new Uint8Array(256);
for (const c of '=+-@\t\r') CSV_GUARD[c.charCodeAt(0)] = 1;
const HEX = Uint8Array.from(Buffer.from('0123456789abcdef', 'latin1'));
/** A byte's two hex digits, as a big-endian uint16. */
const HEX_PAIR = new Uint16Array(256);
for (let b = 0; b < 256; b += 1) HEX_PAIR[b] = (HEX[b >> 4] << 8) | HEX[b & 15];
const NULL = Uint8Array.from(Buffer.from('null', 'latin1'));

const ONES = 0x01010101;
const HIGHS = 0x80808080;
/** Non-zero when a byte of the word `w` is zero (exact as a yes/no). */
const zeroByte = (w: number) => (w - ONES) & ~w & HIGHS;
/** Non-zero when a byte of `w` is below 0x20, `"` or `\`. */
const jsonWord = (w: number) =>
  ((w - 0x20202020) & ~w & HIGHS) | zeroByte(w ^ 0x22222222) | zeroByte(w ^ 0x5c5c5c5c);
/** Non-zero when a byte of `w` is `"`, `,`, CR or LF. */
const csvWord = (w: number) =>
  zeroByte(w ^ 0x22222222) |
  zeroByte(w ^ 0x2c2c2c2c) |
  zeroByte(w ^ 0x0d0d0d0d) |
  zeroByte(w ^ 0x0a0a0a0a);

export function put(out: DataView, u: number, text: Uint8Array): number {
  for (let i = 0; i < text.length; i += 1) out.setUint8(u++, text[i]);
  return u;
}

/**
 * Constant bytes a word at a time (see `Words`): may write up to 3 bytes past the returned end,
 * so the caller's buffer must have that room (the export's `maxBytes` leaves 512 bytes).
 */
export function putWords(out: DataView, u: number, words: Uint32Array, length: number): number {
  for (let i = 0; i < words.length; i += 1) out.setUint32(u + 4 * i, words[i]);
  return u + length;
}

function copy(d: DataView, s: number, n: number, out: DataView, u: number): number {
  let i = 0;
  for (; i + 4 <= n; i += 4) out.setUint32(u + i, d.getUint32(s + i));
  for (; i < n; i += 1) out.setUint8(u + i, d.getUint8(s + i));
  return u + n;
}

/** Quoted as is (digits, hex, enums: nothing to escape), or `null`. */
export function jsonPlain(d: DataView, s: number, n: number, out: DataView, u: number): number {
  if (n < 0) return put(out, u, NULL);
  out.setUint8(u, QUOTE);
  u = copy(d, s, n, out, u + 1);
  out.setUint8(u, QUOTE);
  return u + 1;
}

/** `JSON.stringify` of the text, or `null`: copied as is unless a byte needs escaping. */
export function jsonText(d: DataView, s: number, n: number, out: DataView, u: number): number {
  if (n < 0) return put(out, u, NULL);
  out.setUint8(u, QUOTE);
  let o = u + 1;
  let i = s;
  const e = s + n;
  for (; i + 4 <= e; i += 4, o += 4) {
    const w = d.getUint32(i);
    if (jsonWord(w) !== 0) return jsonEscaped(d, s, e, out, u);
    out.setUint32(o, w);
  }
  for (; i < e; i += 1) {
    const b = d.getUint8(i);
    if (JSON_ESCAPE[b] !== 0) return jsonEscaped(d, s, e, out, u);
    out.setUint8(o++, b);
  }
  out.setUint8(o, QUOTE);
  return o + 1;
}

function jsonEscaped(d: DataView, s: number, e: number, out: DataView, u: number): number {
  out.setUint8(u++, QUOTE);
  for (let i = s; i < e; i += 1) {
    const b = d.getUint8(i);
    if (JSON_ESCAPE[b] === 0) {
      out.setUint8(u++, b);
      continue;
    }
    out.setUint8(u++, BACKSLASH);
    if (b === QUOTE || b === BACKSLASH) {
      out.setUint8(u++, b);
    } else if (JSON_SHORT[b] !== undefined) {
      out.setUint8(u++, JSON_SHORT[b]);
    } else {
      out.setUint16(u, 0x7530); // u0
      out.setUint8(u + 2, 0x30); // 0
      out.setUint16(u + 3, HEX_PAIR[b]);
      u += 5;
    }
  }
  out.setUint8(u++, QUOTE);
  return u;
}

/** jsonb's text (after its version byte) is JSON already, or `null`. */
export function jsonJsonb(d: DataView, s: number, n: number, out: DataView, u: number): number {
  return n < 0 ? put(out, u, NULL) : copy(d, s + 1, n - 1, out, u);
}

/** `csvField`: empty for NULL and '', the formula guard, quotes when needed. */
export function csvText(d: DataView, s: number, n: number, out: DataView, u: number): number {
  if (n <= 0) return u;
  const guard = CSV_GUARD[d.getUint8(s)];
  if (guard !== 0) out.setUint8(u, APOSTROPHE);
  let o = u + guard;
  let i = s;
  const e = s + n;
  for (; i + 4 <= e; i += 4, o += 4) {
    const w = d.getUint32(i);
    if (csvWord(w) !== 0) return csvQuoted(d, s, e, out, u);
    out.setUint32(o, w);
  }
  for (; i < e; i += 1) {
    const b = d.getUint8(i);
    if (CSV_QUOTE[b] !== 0) return csvQuoted(d, s, e, out, u);
    out.setUint8(o++, b);
  }
  return o;
}

function csvQuoted(d: DataView, s: number, e: number, out: DataView, u: number): number {
  out.setUint8(u++, QUOTE);
  if (CSV_GUARD[d.getUint8(s)] !== 0) out.setUint8(u++, APOSTROPHE);
  for (let i = s; i < e; i += 1) {
    const b = d.getUint8(i);
    if (b === QUOTE) out.setUint8(u++, QUOTE);
    out.setUint8(u++, b);
  }
  out.setUint8(u++, QUOTE);
  return u;
}

/** `csvField` of jsonb's text (after its version byte). */
export function csvJsonb(d: DataView, s: number, n: number, out: DataView, u: number): number {
  return n < 0 ? u : csvText(d, s + 1, n - 1, out, u);
}

/** A uuid's 16 bytes as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
export function uuid(d: DataView, s: number, out: DataView, u: number): number {
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out.setUint8(u++, 0x2d);
    out.setUint16(u, HEX_PAIR[d.getUint8(s + i)]);
    u += 2;
  }
  return u;
}

/** An int8 as `::text` writes it. */
export function int8(d: DataView, s: number, out: DataView, u: number): number {
  const high = d.getInt32(s);
  const low = d.getUint32(s + 4);
  // Exact as a double below 2^53; larger values (never a real seq) go through BigInt.
  if (high >= -0x200000 && high < 0x200000) return digits(high * 4294967296 + low, out, u);
  return ascii(((BigInt(high) << 32n) | BigInt(low)).toString(), out, u);
}

/** "00" to "99" as big-endian uint16s. */
const DIGIT_PAIR = new Uint16Array(100);
for (let v = 0; v < 100; v += 1)
  DIGIT_PAIR[v] = ((0x30 + Math.floor(v / 10)) << 8) | (0x30 + (v % 10));

/** A safe integer in decimal. */
export function digits(value: number, out: DataView, u: number): number {
  if (value < 0) {
    out.setUint8(u++, 0x2d);
    value = -value;
  }
  let width = 1;
  for (let power = 10; power <= value; power *= 10) width += 1;
  return pad(value, width, out, u);
}

function ascii(text: string, out: DataView, u: number): number {
  for (let i = 0; i < text.length; i += 1) out.setUint8(u++, text.charCodeAt(i));
  return u;
}

/** `value` in `width` digits, zero-padded: two at a time from the right. */
export function pad(value: number, width: number, out: DataView, u: number): number {
  let i = u + width;
  while (i - u >= 2) {
    const rest = Math.floor(value / 100);
    i -= 2;
    out.setUint16(i, DIGIT_PAIR[value - rest * 100]);
    value = rest;
  }
  if (i > u) out.setUint8(u, 0x30 + (value % 10));
  return u + width;
}
