/**
 * `canonicalJson(JSON.parse(text))` written straight from the bytes of Postgres' jsonb text
 * output, for the verify hot path: no JS values, no strings for the common case.
 *
 * jsonb text is not RFC 8785: keys come ordered by length, then bytes, with `": "` and `", "`
 * separators, and numbers keep their numeric form (`1.0`, `0.10`, 20 digits). What it shares
 * with `JSON.stringify` is the string form: Postgres escapes `"`, `\`, `\b \f \n \r \t` and the
 * other control characters as `\u00xx` (lower-case hex), and writes every other character as
 * UTF-8. So strings are copied as they are, members re-ordered, whitespace dropped, and a
 * number rewritten unless it is a plain integer of at most 15 digits.
 *
 * Anything else (a key with an escape or a non-ASCII byte, whose UTF-16 order may differ from
 * its byte order; an escape `JSON.stringify` would not write; a number that is not finite as a
 * double; deep nesting; text that is not jsonb's form) returns FALLBACK, and the caller takes
 * the parse path, so the result is always the parse path's.
 */
export const FALLBACK = -1;

/** Deeper values go through the parse path (which has the same limits as before). */
const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;

/** Thrown inside the writer to unwind to `writeCanonicalJsonb`; never escapes it. */
const FALL = new Error('jsonb text needs the parse path');

/**
 * A JSON number (RFC 8259) as jsonb writes one, without an exponent: checked before Number()
 * (which accepts more). Its `JSON.stringify` is then never longer than it.
 */
const JSONB_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/**
 * Per member of the objects being written: key start, key end (after the quotes) and value
 * start, as a stack shared by nested objects. Grown when a wide object needs more.
 */
let members = new Int32Array(3 * 256);

/**
 * Writes the canonical JSON of the jsonb text `src[start, end)` into `out` at `o`; returns the
 * end offset, or FALLBACK. The output is never longer than the input: `out` needs room for
 * `end - start` bytes.
 */
export function writeCanonicalJsonb(
  src: Buffer,
  start: number,
  end: number,
  out: Buffer,
  o: number,
): number {
  const writer = new JsonbWriter(src, end, out, o);
  try {
    const after = writer.skipSpace(writer.value(writer.skipSpace(start), 0, 0));
    return after === end ? writer.w : FALLBACK;
  } catch (error) {
    if (error === FALL) return FALLBACK;
    throw error;
  }
}

class JsonbWriter {
  constructor(
    private readonly src: Buffer,
    private readonly end: number,
    private readonly out: Buffer,
    public w: number,
  ) {}

  skipSpace(p: number): number {
    const src = this.src;
    while (p < this.end) {
      const byte = src[p];
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break;
      p += 1;
    }
    return p;
  }

  /** Writes the value at `p`; returns the offset after it. `top`: free slots in `members`. */
  value(p: number, depth: number, top: number): number {
    if (p >= this.end) throw FALL;
    const byte = this.src[p];
    if (byte === OPEN_BRACE) return this.object(p, depth + 1, top);
    if (byte === OPEN_BRACKET) return this.array(p, depth + 1, top);
    if (byte === QUOTE) {
      const after = this.string(p);
      this.copy(p, after);
      return after;
    }
    if (byte === 0x74) return this.literal(p, 'true');
    if (byte === 0x66) return this.literal(p, 'false');
    if (byte === 0x6e) return this.literal(p, 'null');
    return this.number(p);
  }

  private object(p: number, depth: number, top: number): number {
    if (depth > MAX_DEPTH) throw FALL;
    const src = this.src;
    let count = 0;
    p = this.skipSpace(p + 1);
    if (src[p] === CLOSE_BRACE) {
      this.put(OPEN_BRACE);
      this.put(CLOSE_BRACE);
      return p + 1;
    }
    // First pass: where each member's key and value are (values are skipped, not written).
    for (;;) {
      if (src[p] !== QUOTE) throw FALL;
      const keyEnd = this.string(p);
      for (let i = p + 1; i < keyEnd - 1; i += 1) {
        if (src[i] === BACKSLASH || src[i] >= 0x80) throw FALL;
      }
      let q = this.skipSpace(keyEnd);
      if (src[q] !== COLON) throw FALL;
      q = this.skipSpace(q + 1);
      const slot = top + 3 * count;
      if (slot + 3 > members.length) {
        const grown = new Int32Array(2 * (slot + 3));
        grown.set(members);
        members = grown;
      }
      members[slot] = p;
      members[slot + 1] = keyEnd;
      members[slot + 2] = q;
      count += 1;
      p = this.skipSpace(this.skip(q, depth));
      if (src[p] === COMMA) {
        p = this.skipSpace(p + 1);
      } else if (src[p] === CLOSE_BRACE) {
        break;
      } else {
        throw FALL;
      }
    }
    this.sortMembers(top, count);
    const next = top + 3 * count;
    this.put(OPEN_BRACE);
    for (let m = 0; m < count; m += 1) {
      const slot = top + 3 * m;
      if (m > 0) this.put(COMMA);
      this.copy(members[slot], members[slot + 1]);
      this.put(COLON);
      this.value(members[slot + 2], depth, next);
    }
    this.put(CLOSE_BRACE);
    return p + 1;
  }

  private array(p: number, depth: number, top: number): number {
    if (depth > MAX_DEPTH) throw FALL;
    const src = this.src;
    this.put(OPEN_BRACKET);
    p = this.skipSpace(p + 1);
    if (src[p] === CLOSE_BRACKET) {
      this.put(CLOSE_BRACKET);
      return p + 1;
    }
    for (let first = true; ; first = false) {
      if (!first) this.put(COMMA);
      p = this.skipSpace(this.value(p, depth, top));
      if (src[p] === COMMA) {
        p = this.skipSpace(p + 1);
      } else if (src[p] === CLOSE_BRACKET) {
        this.put(CLOSE_BRACKET);
        return p + 1;
      } else {
        throw FALL;
      }
    }
  }

  /** Offset after the value at `p`, nothing written (the object pass that finds members). */
  private skip(p: number, depth: number): number {
    const src = this.src;
    const byte = src[p];
    if (byte === QUOTE) return this.string(p);
    if (byte !== OPEN_BRACE && byte !== OPEN_BRACKET) {
      // A literal or number: up to the next delimiter; checked when it is written.
      while (p < this.end) {
        const b = src[p];
        if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || b === 0x20) break;
        p += 1;
      }
      return p;
    }
    if (depth + 1 > MAX_DEPTH) throw FALL;
    const close = byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
    p = this.skipSpace(p + 1);
    if (src[p] === close) return p + 1;
    for (;;) {
      p = this.skipSpace(this.skip(p, depth + 1));
      if (byte === OPEN_BRACE) {
        if (src[p] !== COLON) throw FALL;
        p = this.skipSpace(this.skip(this.skipSpace(p + 1), depth + 1));
      }
      if (src[p] === COMMA) {
        p = this.skipSpace(p + 1);
      } else if (src[p] === close) {
        return p + 1;
      } else {
        throw FALL;
      }
    }
  }

  /**
   * Offset after the string token at `p` (on its opening quote), which must be in
   * `JSON.stringify`'s form: no raw control characters, only the escapes it writes.
   */
  private string(p: number): number {
    const src = this.src;
    const end = this.end;
    for (let i = p + 1; i < end; i += 1) {
      const byte = src[i];
      if (byte === QUOTE) return i + 1;
      if (byte < 0x20) throw FALL;
      if (byte === BACKSLASH) {
        const escape = src[i + 1];
        if (escape === 0x75) {
          // \u00xx: only for control characters without a short form, lower-case hex.
          const code = hexDigit(src[i + 4]) * 16 + hexDigit(src[i + 5]);
          if (src[i + 2] !== 0x30 || src[i + 3] !== 0x30 || code >= 0x20) throw FALL;
          if (code === 8 || code === 9 || code === 10 || code === 12 || code === 13) throw FALL;
          i += 5;
        } else if (
          escape === QUOTE ||
          escape === BACKSLASH ||
          escape === 0x62 || // b
          escape === 0x66 || // f
          escape === 0x6e || // n
          escape === 0x72 || // r
          escape === 0x74 // t
        ) {
          i += 1;
        } else {
          throw FALL;
        }
      }
    }
    throw FALL;
  }

  private literal(p: number, word: 'true' | 'false' | 'null'): number {
    for (let i = 0; i < word.length; i += 1) {
      if (this.src[p + i] !== word.charCodeAt(i)) throw FALL;
    }
    this.copy(p, p + word.length);
    return p + word.length;
  }

  /** A plain integer of up to 15 digits is its own `JSON.stringify`; others are rewritten. */
  private number(p: number): number {
    const src = this.src;
    let q = p;
    if (src[q] === MINUS) q += 1;
    const digits = q;
    while (q < this.end && src[q] >= 0x30 && src[q] <= 0x39) q += 1;
    const count = q - digits;
    const next = src[q];
    const ends =
      q === this.end ||
      next === COMMA ||
      next === CLOSE_BRACE ||
      next === CLOSE_BRACKET ||
      next === 0x20;
    if (
      ends &&
      count > 0 &&
      count <= 15 &&
      (src[digits] !== 0x30 || count === 1) &&
      !(count === 1 && src[digits] === 0x30 && digits > p) // -0 is written 0
    ) {
      this.copy(p, q);
      return q;
    }
    while (q < this.end) {
      const b = src[q];
      if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || b === 0x20) break;
      q += 1;
    }
    const text = src.toString('latin1', p, q);
    if (!JSONB_NUMBER.test(text)) throw FALL;
    const value = Number(text);
    if (!Number.isFinite(value)) throw FALL; // the parse path throws on it
    this.w += this.out.write(JSON.stringify(value), this.w, 'latin1');
    return q;
  }

  /** Insertion sort of `count` members from `top` by key bytes (few members, mostly small). */
  private sortMembers(top: number, count: number): void {
    for (let m = 1; m < count; m += 1) {
      const slot = top + 3 * m;
      const keyStart = members[slot];
      const keyEnd = members[slot + 1];
      const valueStart = members[slot + 2];
      let n = m - 1;
      for (; n >= 0; n -= 1) {
        const other = top + 3 * n;
        const order = this.compareKeys(members[other], members[other + 1], keyStart, keyEnd);
        if (order === 0) throw FALL; // a duplicate key: jsonb never writes one
        if (order < 0) break;
        members[other + 3] = members[other];
        members[other + 4] = members[other + 1];
        members[other + 5] = members[other + 2];
      }
      const at = top + 3 * (n + 1);
      members[at] = keyStart;
      members[at + 1] = keyEnd;
      members[at + 2] = valueStart;
    }
  }

  /** Byte order of two ASCII keys (quotes included): UTF-16 order for ASCII. */
  private compareKeys(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
    const src = this.src;
    const a = aEnd - aStart - 2;
    const b = bEnd - bStart - 2;
    const n = a < b ? a : b;
    for (let i = 1; i <= n; i += 1) {
      const diff = src[aStart + i] - src[bStart + i];
      if (diff !== 0) return diff;
    }
    return a - b;
  }

  private put(byte: number): void {
    this.out[this.w] = byte;
    this.w += 1;
  }

  private copy(from: number, to: number): void {
    const src = this.src;
    const out = this.out;
    let w = this.w;
    for (let i = from; i < to; i += 1) out[w++] = src[i];
    this.w = w;
  }
}

/** Value of a lower-case hex digit (as `JSON.stringify` writes them); 99 for anything else. */
function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return 99;
}
