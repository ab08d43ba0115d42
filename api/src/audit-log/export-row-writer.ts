import type { AuditExportFormat } from './dto/audit-filters.dto';
import type { CopyRowWriter } from './copy-out-stream';
import { csvHeader } from './export-format';
import { Col } from './event-row';
import { As, FIELD_COUNT, LINE_LAYOUTS, type LineLayout } from './export-line-layout';
import {
  csvJsonb,
  csvText,
  int8,
  jsonJsonb,
  jsonPlain,
  jsonText,
  put,
  putWords,
  uuid,
} from './export-value-bytes';
import { TimestampText } from './export-timestamp';

export { EXPORT_COLUMNS } from './export-line-layout';

const NULL = Uint8Array.from(Buffer.from('null', 'latin1'));

/**
 * Export lines written straight from binary COPY tuples into an output buffer, byte by byte:
 * Postgres only sends the raw columns (`EXPORT_COLUMNS`, what `psql \copy` costs it), and no JS
 * string is made per value. Both formats run the same loop over their `LineLayout`. The output
 * is byte for byte `csvLine` / `jsonLine` of `export-format.ts` over an `EVENT_ROW_SELECT` row,
 * which stays the reference (`audit-export-sql.e2e-spec.ts` compares the two).
 *
 * `write` formats the tuple at `at` (a whole one: the caller reassembles tuples split across
 * messages) into `out` from `used`, and returns the new end; the caller guarantees
 * `maxBytes(tuple size)` free bytes. It keeps the first and last rows' `seq` and `hash` for
 * the manifest.
 */
export class ExportRowWriter implements CopyRowWriter {
  /** `[seq, hash]` of the first row written (undefined until one is). */
  first: string[] | undefined;
  private readonly start = new Int32Array(FIELD_COUNT);
  private readonly length = new Int32Array(FIELD_COUNT);
  private readonly layout: LineLayout;
  /** The last row's seq (int8 bytes) and hash, copied: the input buffer is reused. */
  private readonly lastSeq = Buffer.alloc(8);
  private lastHash = Buffer.allocUnsafe(128);
  private lastHashLength = -1;
  private rows = 0;
  private readonly timestamp = new TimestampText();
  /** DataViews of the current input and output buffers (one per buffer, not per row). */
  private input: DataView = new DataView(new ArrayBuffer(0));
  private inputOf: Buffer | undefined;
  private output: DataView = new DataView(new ArrayBuffer(0));
  private outputOf: Buffer | undefined;

  constructor(private readonly format: AuditExportFormat) {
    this.layout = LINE_LAYOUTS[format];
  }

  /** What the file starts with. */
  prefix(): string {
    return this.format === 'csv' ? csvHeader() : '';
  }

  /** An upper bound on a line's size: a text byte becomes at most six (`\u00xx`). */
  maxBytes(tupleBytes: number): number {
    return tupleBytes * 6 + 512;
  }

  write(data: Buffer, at: number, into: Buffer, used: number): number {
    const d = data === this.inputOf ? this.input : this.viewInput(data);
    const out = into === this.outputOf ? this.output : this.viewOutput(into);
    if (d.getInt16(at) !== FIELD_COUNT) throw new Error('export COPY: unexpected column count');
    const start = this.start;
    const length = this.length;
    let p = at + 2;
    for (let i = 0; i < FIELD_COUNT; i += 1) {
      const n = d.getInt32(p);
      start[i] = p + 4;
      length[i] = n;
      p += 4 + (n > 0 ? n : 0);
    }
    if (length[Col.Seq] !== 8 || length[Col.Id] !== 16 || length[Col.OccurredAt] !== 8) {
      throw new Error('export COPY: unexpected column types');
    }
    let u = used;
    for (const { lead, field, as } of this.layout.steps) {
      u = putWords(out, u, lead.words, lead.length);
      u = this.value(d, start[field], length[field], as, out, u);
    }
    const end = this.layout.end;
    u = putWords(out, u, end.words, end.length);
    this.keepEnds(data);
    return u;
  }

  /** `[seq, hash]` of the last row written. */
  last(): string[] | undefined {
    if (this.rows === 0) return undefined;
    const hash =
      this.lastHashLength < 0 ? '' : this.lastHash.toString('utf8', 0, this.lastHashLength);
    return [this.lastSeq.readBigInt64BE(0).toString(), hash];
  }

  private viewInput(data: Buffer): DataView {
    this.inputOf = data;
    return (this.input = new DataView(data.buffer, data.byteOffset, data.byteLength));
  }

  private viewOutput(into: Buffer): DataView {
    this.outputOf = into;
    return (this.output = new DataView(into.buffer, into.byteOffset, into.byteLength));
  }

  private value(d: DataView, s: number, n: number, as: As, out: DataView, u: number): number {
    switch (as) {
      case As.Uuid:
        return uuid(d, s, out, u);
      case As.GuardedInt8:
        if (d.getInt8(s) < 0) out.setUint8(u++, 0x27); // a negative seq: the formula guard
        return int8(d, s, out, u);
      case As.Int8:
        return int8(d, s, out, u);
      case As.JsonTimestamp: {
        const end = this.timestamp.write(d, s, out, u, true);
        return end < 0 ? put(out, u, NULL) : end;
      }
      case As.CsvTimestamp: {
        const end = this.timestamp.write(d, s, out, u, false);
        return end < 0 ? u : end;
      }
      case As.JsonPlain:
        return jsonPlain(d, s, n, out, u);
      case As.JsonText:
        return jsonText(d, s, n, out, u);
      case As.JsonJsonb:
        return jsonJsonb(d, s, n, out, u);
      case As.CsvText:
        return csvText(d, s, n, out, u);
      case As.CsvJsonb:
        return csvJsonb(d, s, n, out, u);
    }
  }

  /** Remembers the row's seq and hash. */
  private keepEnds(d: Buffer): void {
    this.rows += 1;
    for (let k = 0, s = this.start[Col.Seq]; k < 8; k += 1) this.lastSeq[k] = d[s + k];
    const hashLength = this.length[Col.Hash];
    if (hashLength > this.lastHash.length) this.lastHash = Buffer.allocUnsafe(hashLength);
    for (let k = 0, s = this.start[Col.Hash]; k < hashLength; k += 1) this.lastHash[k] = d[s + k];
    this.lastHashLength = hashLength;
    if (this.rows === 1) this.first = this.last();
  }
}
