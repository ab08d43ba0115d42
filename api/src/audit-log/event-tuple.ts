import { canonicalJson } from './chain/canonical-json';
import { FALLBACK, writeCanonicalJsonb } from './chain/jsonb-canonical';
import { Col } from './event-row';

const FIELDS = 17;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The literal parts of `canonicalEvent`, in order, between the fields. */
const LITERALS = [
  '{"action":',
  ',"actor":{"display":',
  ',"id":',
  ',"type":',
  '},"changes":',
  ',"id":',
  ',"ip":',
  ',"occurredAt":',
  ',"outcome":',
  ',"requestId":',
  ',"seq":',
  ',"target":{"id":',
  ',"type":',
  '},"userAgent":',
  '}',
  '},"traceId":',
  ',"userAgent":',
].map((text) => Buffer.from(text, 'latin1'));
const NULL = Buffer.from('null', 'latin1');

/**
 * Decodes one binary COPY tuple of `EVENT_ROW_SELECT` (every column as text) and writes the
 * event's `canonicalEvent` bytes straight from the tuple's bytes: a string field without `"`,
 * `\` or control characters is its UTF-8 bytes in quotes (what `JSON.stringify` gives, as
 * Postgres text is valid UTF-8), so only the rare field that needs escaping becomes a JS
 * string; `changes` (jsonb text: Postgres' key order and spacing) is re-ordered from its bytes
 * (`writeCanonicalJsonb`), or parsed and re-serialised when it has a form that needs that.
 *
 * `buffer[64, length)` is the canonical JSON after `read`; the first 64 bytes are left for the
 * ChainWalker (prevHash ‖ canonical is what the chain hashes). Reused for every tuple.
 */
export class EventTupleEncoder {
  buffer = Buffer.allocUnsafe(64 * 1024);
  /** End of the canonical JSON in `buffer`. */
  length = 0;
  seq = 0;
  /** The tuple `read` decoded last, and where its prev_hash and hash are (size -1: NULL). */
  data: Buffer = this.buffer;
  prevHashAt = 0;
  prevHashSize = -1;
  hashAt = 0;
  hashSize = -1;
  private readonly start = new Int32Array(FIELDS);
  private readonly size = new Int32Array(FIELDS);

  /** prev_hash as text ('' for NULL); the walker compares the bytes instead. */
  get prevHash(): string {
    return this.latin1(Col.PrevHash);
  }

  get hash(): string {
    return this.latin1(Col.Hash);
  }

  /** Decodes the tuple at `at` in `data`; returns the offset after it. */
  read(data: Buffer, at: number): number {
    const fields = data.readInt16BE(at);
    if (fields !== FIELDS) throw new Error(`an event tuple has ${fields} fields, not ${FIELDS}`);
    let p = at + 2;
    for (let i = 0; i < FIELDS; i += 1) {
      const size = data.readInt32BE(p);
      p += 4;
      this.start[i] = p;
      this.size[i] = size;
      if (size > 0) p += size;
    }
    this.data = data;
    // Room for the worst case: every byte escaped as \u00XX, plus the literals.
    const worst = 64 + 6 * (p - at) + 512;
    if (worst > this.buffer.length) this.buffer = Buffer.allocUnsafe(2 * worst);
    this.seq = this.number(Col.Seq);
    this.prevHashAt = this.start[Col.PrevHash];
    this.prevHashSize = this.size[Col.PrevHash];
    this.hashAt = this.start[Col.Hash];
    this.hashSize = this.size[Col.Hash];
    this.encode();
    return p;
  }

  private encode(): void {
    let o = 64;
    o = this.literal(0, o);
    o = this.string(Col.Action, o);
    o = this.literal(1, o);
    o = this.string(Col.ActorDisplay, o);
    o = this.literal(2, o);
    o = this.string(Col.ActorId, o);
    o = this.literal(3, o);
    o = this.string(Col.ActorType, o);
    o = this.literal(4, o);
    o = this.changes(o);
    o = this.literal(5, o);
    o = this.string(Col.Id, o);
    o = this.literal(6, o);
    o = this.string(Col.Ip, o);
    o = this.literal(7, o);
    o = this.string(Col.OccurredAt, o);
    o = this.literal(8, o);
    o = this.string(Col.Outcome, o);
    o = this.literal(9, o);
    o = this.string(Col.RequestId, o);
    o = this.literal(10, o);
    o = this.raw(Col.Seq, o); // seq::text is a plain decimal: already the JSON number
    o = this.literal(11, o);
    o = this.string(Col.TargetId, o);
    o = this.literal(12, o);
    o = this.string(Col.TargetType, o);
    // traceId only when set (event-hash.ts): older events hash without it.
    if (this.size[Col.TraceId] < 0) {
      o = this.literal(13, o);
    } else {
      o = this.literal(15, o);
      o = this.string(Col.TraceId, o);
      o = this.literal(16, o);
    }
    o = this.string(Col.UserAgent, o);
    this.length = this.literal(14, o);
  }

  private literal(index: number, o: number): number {
    const bytes = LITERALS[index];
    const out = this.buffer;
    for (let i = 0; i < bytes.length; i += 1) out[o + i] = bytes[i];
    return o + bytes.length;
  }

  /** A text field as `JSON.stringify` writes it, or `null`. */
  private string(field: number, o: number): number {
    const size = this.size[field];
    if (size < 0) return this.copy(NULL, 0, 4, o);
    const data = this.data;
    const out = this.buffer;
    const start = this.start[field];
    out[o] = QUOTE;
    for (let i = 0; i < size; i += 1) {
      const byte = data[start + i];
      if (byte < 0x20 || byte === QUOTE || byte === BACKSLASH) return this.escaped(field, o);
      out[o + 1 + i] = byte;
    }
    out[o + 1 + size] = QUOTE;
    return o + size + 2;
  }

  /** The rare field that needs escapes: through JSON.stringify. */
  private escaped(field: number, o: number): number {
    const start = this.start[field];
    const text = this.data.toString('utf8', start, start + this.size[field]);
    return o + this.buffer.write(JSON.stringify(text), o, 'utf8');
  }

  private changes(o: number): number {
    const size = this.size[Col.Changes];
    if (size < 0) return this.copy(NULL, 0, 4, o);
    const start = this.start[Col.Changes];
    const end = writeCanonicalJsonb(this.data, start, start + size, this.buffer, o);
    if (end !== FALLBACK) return end;
    const text = this.data.toString('utf8', start, start + size);
    return o + this.buffer.write(canonicalJson(JSON.parse(text)), o, 'utf8');
  }

  private raw(field: number, o: number): number {
    return this.copy(this.data, this.start[field], Math.max(this.size[field], 0), o);
  }

  private copy(from: Buffer, start: number, size: number, o: number): number {
    const out = this.buffer;
    for (let i = 0; i < size; i += 1) out[o + i] = from[start + i];
    return o + size;
  }

  private number(field: number): number {
    const start = this.start[field];
    let value = 0;
    for (let i = 0; i < this.size[field]; i += 1) value = value * 10 + (this.data[start + i] - 48);
    return value;
  }

  private latin1(field: number): string {
    const start = this.start[field];
    return this.size[field] < 0
      ? ''
      : this.data.toString('latin1', start, start + this.size[field]);
  }
}
