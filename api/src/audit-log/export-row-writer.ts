import type { AuditExportFormat } from './dto/audit-filters.dto';
import type { CopyRowWriter } from './copy-out-stream';
import { csvHeader } from './export-format';

/**
 * Export lines written straight from binary COPY tuples into an output buffer, byte by byte:
 * Postgres only sends the raw columns (`EXPORT_COLUMNS`, what `psql \copy` costs it), and no JS
 * string is made per value. The output is byte for byte `csvLine` / `jsonLine` of
 * `export-format.ts` over an `EVENT_ROW_SELECT` row, which stays the reference
 * (`audit-export-sql.e2e-spec.ts` compares the two). Text values are UTF-8 from Postgres and
 * every byte the formats care about is ASCII, which never occurs inside a multi-byte sequence,
 * so escaping works on bytes.
 */

/** The columns, in this order and with these types (checked per row where the size tells). */
export const EXPORT_COLUMNS = `seq, id, occurred_at, action, actor_type, actor_id, actor_display,
  target_type, target_id, changes, outcome, ip, user_agent, request_id, prev_hash, hash, trace_id`;

/** Field positions in a tuple of `EXPORT_COLUMNS`. */
const SEQ = 0; // int8
const ID = 1; // uuid
const OCCURRED_AT = 2; // timestamptz: int8 µs since 2000-01-01 UTC
const ACTION = 3;
const ACTOR_TYPE = 4;
const ACTOR_ID = 5;
const ACTOR_DISPLAY = 6;
const TARGET_TYPE = 7;
const TARGET_ID = 8;
const CHANGES = 9; // jsonb: a version byte (1), then its text
const OUTCOME = 10;
const IP = 11;
const USER_AGENT = 12;
const REQUEST_ID = 13;
const PREV_HASH = 14;
const HASH = 15;
const TRACE_ID = 16;
const FIELDS = 17;

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
const HEX = Buffer.from('0123456789abcdef', 'latin1');

const US_PER_DAY = 86_400_000_000;
/** Days from 1970-01-01 to 2000-01-01, Postgres' epoch. */
const PG_EPOCH_DAYS = 10_957;

/** Splits the constant parts of a line into byte arrays, written with a plain loop. */
const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const J = {
  id: bytes('{"id":"'),
  seq: bytes('","seq":"'),
  occurredAt: bytes('","occurredAt":'),
  actorType: bytes(',"actor":{"type":'),
  actorId: bytes(',"id":'),
  actorDisplay: bytes(',"display":'),
  action: bytes('},"action":'),
  targetType: bytes(',"target":{"type":'),
  targetId: bytes(',"id":'),
  changes: bytes('},"changes":'),
  outcome: bytes(',"outcome":'),
  ip: bytes(',"ip":'),
  userAgent: bytes(',"userAgent":'),
  requestId: bytes(',"requestId":'),
  traceId: bytes(',"traceId":'),
  prevHash: bytes(',"prevHash":'),
  hash: bytes(',"hash":'),
  end: bytes('}\n'),
  null: bytes('null'),
};

/**
 * One export format's line writer. `write` formats the tuple at `at` (a whole one: the caller
 * reassembles tuples split across messages) into `out` from `used`, and returns the new end;
 * the caller guarantees `maxBytes(tuple size)` free bytes. It keeps the first and last rows'
 * `seq` and `hash` for the manifest.
 */
export class ExportRowWriter implements CopyRowWriter {
  /** `[seq, hash]` of the first row written (undefined until one is). */
  first: string[] | undefined;
  private readonly start = new Int32Array(FIELDS);
  private readonly length = new Int32Array(FIELDS);
  private readonly csv: boolean;
  /** The last row's seq, as written, and hash, copied: the input buffer is node-pg's. */
  private lastSeq = Buffer.allocUnsafe(24);
  private lastSeqLength = 0;
  private lastHash = Buffer.allocUnsafe(128);
  private lastHashLength = -1;
  private rows = 0;

  constructor(format: AuditExportFormat) {
    this.csv = format === 'csv';
  }

  /** What the file starts with. */
  prefix(): string {
    return this.csv ? csvHeader() : '';
  }

  /** An upper bound on a line's size: a text byte becomes at most six (`\u00xx`). */
  maxBytes(tupleBytes: number): number {
    return tupleBytes * 6 + 512;
  }

  write(d: Buffer, at: number, out: Buffer, used: number): number {
    if (d.readInt16BE(at) !== FIELDS) throw new Error('export COPY: unexpected column count');
    const start = this.start;
    const length = this.length;
    let p = at + 2;
    for (let i = 0; i < FIELDS; i += 1) {
      const n = d.readInt32BE(p);
      start[i] = p + 4;
      length[i] = n;
      p += 4 + (n > 0 ? n : 0);
    }
    if (length[SEQ] !== 8 || length[ID] !== 16 || length[OCCURRED_AT] !== 8) {
      throw new Error('export COPY: unexpected column types');
    }
    const seqStart = used + (this.csv ? 0 : J.id.length + 36 + J.seq.length);
    const u = this.csv ? this.csvLine(d, out, used) : this.jsonLine(d, out, used);
    this.keepEnds(d, out, seqStart);
    return u;
  }

  /** `[seq, hash]` of the last row written. */
  last(): string[] | undefined {
    if (this.rows === 0) return undefined;
    const hash =
      this.lastHashLength < 0 ? '' : this.lastHash.toString('utf8', 0, this.lastHashLength);
    return [this.lastSeq.toString('latin1', 0, this.lastSeqLength), hash];
  }

  private jsonLine(d: Buffer, out: Buffer, u: number): number {
    const start = this.start;
    const length = this.length;
    u = put(out, u, J.id);
    u = uuid(d, start[ID], out, u);
    u = put(out, u, J.seq);
    u = int8(d, start[SEQ], out, u);
    u = put(out, u, J.occurredAt);
    u = timestamp(d, start[OCCURRED_AT], out, u, true);
    u = put(out, u, J.actorType);
    u = plain(d, start[ACTOR_TYPE], length[ACTOR_TYPE], out, u);
    u = put(out, u, J.actorId);
    u = jsonString(d, start[ACTOR_ID], length[ACTOR_ID], out, u);
    u = put(out, u, J.actorDisplay);
    u = jsonString(d, start[ACTOR_DISPLAY], length[ACTOR_DISPLAY], out, u);
    u = put(out, u, J.action);
    u = jsonString(d, start[ACTION], length[ACTION], out, u);
    u = put(out, u, J.targetType);
    u = jsonString(d, start[TARGET_TYPE], length[TARGET_TYPE], out, u);
    u = put(out, u, J.targetId);
    u = jsonString(d, start[TARGET_ID], length[TARGET_ID], out, u);
    u = put(out, u, J.changes);
    if (length[CHANGES] < 0) u = put(out, u, J.null);
    else u = raw(d, start[CHANGES] + 1, start[CHANGES] + length[CHANGES], out, u);
    u = put(out, u, J.outcome);
    u = plain(d, start[OUTCOME], length[OUTCOME], out, u);
    u = put(out, u, J.ip);
    u = jsonString(d, start[IP], length[IP], out, u);
    u = put(out, u, J.userAgent);
    u = jsonString(d, start[USER_AGENT], length[USER_AGENT], out, u);
    u = put(out, u, J.requestId);
    u = jsonString(d, start[REQUEST_ID], length[REQUEST_ID], out, u);
    u = put(out, u, J.traceId);
    u = jsonString(d, start[TRACE_ID], length[TRACE_ID], out, u);
    u = put(out, u, J.prevHash);
    u = plain(d, start[PREV_HASH], length[PREV_HASH], out, u);
    u = put(out, u, J.hash);
    u = plain(d, start[HASH], length[HASH], out, u);
    return put(out, u, J.end);
  }

  /** `CSV_COLUMNS` order: seq, id, occurredAt, then the text columns, changes, the hashes. */
  private csvLine(d: Buffer, out: Buffer, u: number): number {
    const start = this.start;
    const length = this.length;
    // A negative seq gets the guard; digits, a uuid and a date never need quotes.
    if (d[start[SEQ]] & 0x80) out[u++] = APOSTROPHE;
    u = int8(d, start[SEQ], out, u);
    out[u++] = 0x2c;
    u = uuid(d, start[ID], out, u);
    out[u++] = 0x2c;
    u = timestamp(d, start[OCCURRED_AT], out, u, false);
    for (const field of CSV_TEXT_ORDER) {
      out[u++] = 0x2c;
      u =
        field === CHANGES
          ? csvField(d, start[CHANGES] + 1, length[CHANGES] - 1, out, u)
          : csvField(d, start[field], length[field], out, u);
    }
    out[u++] = 0x0d;
    out[u++] = 0x0a;
    return u;
  }

  /** Remembers the row's seq (its digits are at `seqStart` of `out`) and hash. */
  private keepEnds(d: Buffer, out: Buffer, seqStart: number): void {
    this.rows += 1;
    let n = 0;
    // The seq as written: optional guard (CSV), '-', digits, up to the next `,` or `"`.
    let i = seqStart;
    if (out[i] === APOSTROPHE) i += 1;
    for (; out[i] !== 0x2c && out[i] !== QUOTE; i += 1) this.lastSeq[n++] = out[i];
    this.lastSeqLength = n;
    const hashLength = this.length[HASH];
    if (hashLength > this.lastHash.length) this.lastHash = Buffer.allocUnsafe(hashLength);
    for (let k = 0, s = this.start[HASH]; k < hashLength; k += 1) this.lastHash[k] = d[s + k];
    this.lastHashLength = hashLength;
    if (this.rows === 1) this.first = this.last();
  }
}

const CSV_TEXT_ORDER = [
  ACTOR_TYPE,
  ACTOR_ID,
  ACTOR_DISPLAY,
  ACTION,
  TARGET_TYPE,
  TARGET_ID,
  OUTCOME,
  IP,
  USER_AGENT,
  REQUEST_ID,
  TRACE_ID,
  CHANGES,
  PREV_HASH,
  HASH,
];

function put(out: Buffer, u: number, text: Uint8Array): number {
  for (let i = 0; i < text.length; i += 1) out[u++] = text[i];
  return u;
}

/** Short runs by hand; from ~32 bytes a native copy beats the loop despite its call cost. */
function raw(d: Buffer, s: number, e: number, out: Buffer, u: number): number {
  if (e - s >= 32) return u + d.copy(out, u, s, e);
  for (let i = s; i < e; i += 1) out[u++] = d[i];
  return u;
}

/** The reference's `plain`: quoted, not escaped (or `null`). */
function plain(d: Buffer, s: number, n: number, out: Buffer, u: number): number {
  if (n < 0) return put(out, u, J.null);
  out[u++] = QUOTE;
  u = raw(d, s, s + n, out, u);
  out[u++] = QUOTE;
  return u;
}

/** `JSON.stringify` of the text (or `null`). */
function jsonString(d: Buffer, s: number, n: number, out: Buffer, u: number): number {
  if (n < 0) return put(out, u, J.null);
  out[u++] = QUOTE;
  const e = s + n;
  let escape = 0;
  for (let i = s; i < e; i += 1) escape |= JSON_ESCAPE[d[i]];
  if (escape === 0) {
    u = raw(d, s, e, out, u);
    out[u++] = QUOTE;
    return u;
  }
  for (let i = s; i < e; i += 1) {
    const b = d[i];
    if (JSON_ESCAPE[b] === 0) {
      out[u++] = b;
      continue;
    }
    out[u++] = BACKSLASH;
    if (b === QUOTE || b === BACKSLASH) {
      out[u++] = b;
    } else if (JSON_SHORT[b] !== undefined) {
      out[u++] = JSON_SHORT[b];
    } else {
      out[u++] = 0x75; // u00xx
      out[u++] = 0x30;
      out[u++] = 0x30;
      out[u++] = HEX[b >> 4];
      out[u++] = HEX[b & 15];
    }
  }
  out[u++] = QUOTE;
  return u;
}

/** `csvField`: empty for NULL and '', the formula guard, quotes when needed. */
function csvField(d: Buffer, s: number, n: number, out: Buffer, u: number): number {
  if (n <= 0) return u;
  const e = s + n;
  let quote = 0;
  for (let i = s; i < e; i += 1) quote |= CSV_QUOTE[d[i]];
  if (quote === 0) {
    if (CSV_GUARD[d[s]] === 1) out[u++] = APOSTROPHE;
    return raw(d, s, e, out, u);
  }
  out[u++] = QUOTE;
  if (CSV_GUARD[d[s]] === 1) out[u++] = APOSTROPHE;
  for (let i = s; i < e; i += 1) {
    const b = d[i];
    if (b === QUOTE) out[u++] = QUOTE;
    out[u++] = b;
  }
  out[u++] = QUOTE;
  return u;
}

/** 16 bytes as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
function uuid(d: Buffer, s: number, out: Buffer, u: number): number {
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out[u++] = 0x2d;
    const b = d[s + i];
    out[u++] = HEX[b >> 4];
    out[u++] = HEX[b & 15];
  }
  return u;
}

/** An int8 as `::text` writes it. */
function int8(d: Buffer, s: number, out: Buffer, u: number): number {
  const high = d.readInt32BE(s);
  const low = d.readUInt32BE(s + 4);
  // Exact as a double below 2^53; larger values (never a real seq) go through BigInt.
  if (high >= -0x200000 && high < 0x200000) return digits(high * 4294967296 + low, out, u);
  return ascii(((BigInt(high) << 32n) | BigInt(low)).toString(), out, u);
}

/** A safe integer in decimal. */
function digits(value: number, out: Buffer, u: number): number {
  if (value < 0) {
    out[u++] = 0x2d;
    value = -value;
  }
  let width = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) width += 1;
  for (let i = u + width - 1; i >= u; i -= 1) {
    out[i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
  return u + width;
}

function ascii(text: string, out: Buffer, u: number): number {
  for (let i = 0; i < text.length; i += 1) out[u++] = text.charCodeAt(i);
  return u;
}

function pad(value: number, width: number, out: Buffer, u: number): number {
  for (let i = u + width - 1; i >= u; i -= 1) {
    out[i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
  return u + width;
}

/**
 * A timestamptz as `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
 * writes it (milliseconds truncated; years before 1 AD as to_char's `YYYY` shows them), quoted
 * for JSON; `infinity` is NULL there (`null` in JSON, an empty CSV cell).
 */
function timestamp(d: Buffer, s: number, out: Buffer, u: number, json: boolean): number {
  const high = d.readInt32BE(s);
  const low = d.readUInt32BE(s + 4);
  if ((high === 0x7fffffff && low === 0xffffffff) || (high === -0x80000000 && low === 0)) {
    return json ? put(out, u, J.null) : u;
  }
  let days: number;
  let microsOfDay: number;
  if (high >= -0x200000 && high < 0x200000) {
    const micros = high * 4294967296 + low;
    days = Math.floor(micros / US_PER_DAY);
    microsOfDay = micros - days * US_PER_DAY;
    if (microsOfDay < 0) {
      days -= 1;
      microsOfDay += US_PER_DAY;
    } else if (microsOfDay >= US_PER_DAY) {
      days += 1;
      microsOfDay -= US_PER_DAY;
    }
  } else {
    // Beyond ±285 years of 2000: exact in BigInt.
    const micros = (BigInt(high) << 32n) | BigInt(low);
    const perDay = BigInt(US_PER_DAY);
    let whole = micros / perDay;
    if (micros % perDay < 0n) whole -= 1n;
    days = Number(whole);
    microsOfDay = Number(micros - whole * perDay);
  }
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
  const z = days + PG_EPOCH_DAYS + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year <= 0) year = 1 - year; // to_char's YYYY for BC years
  const ms = Math.floor(microsOfDay / 1000);
  if (json) out[u++] = QUOTE;
  u = year > 9999 ? digits(year, out, u) : pad(year, 4, out, u);
  out[u++] = 0x2d;
  u = pad(month, 2, out, u);
  out[u++] = 0x2d;
  u = pad(day, 2, out, u);
  out[u++] = 0x54; // T
  u = pad(Math.floor(ms / 3_600_000), 2, out, u);
  out[u++] = 0x3a;
  u = pad(Math.floor(ms / 60_000) % 60, 2, out, u);
  out[u++] = 0x3a;
  u = pad(Math.floor(ms / 1000) % 60, 2, out, u);
  out[u++] = 0x2e;
  u = pad(ms % 1000, 3, out, u);
  out[u++] = 0x5a; // Z
  if (json) out[u++] = QUOTE;
  return u;
}
