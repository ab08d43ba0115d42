import { Readable } from 'node:stream';

/** The parts of node-pg's `Connection` a custom query (a "submittable") talks to. */
interface PgConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void };
}

/** Binary COPY header: signature, then int32 flags and int32 header-extension length. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const OUTPUT_CHUNK = 256 * 1024;

/**
 * `COPY (SELECT payload, extra…) TO STDOUT (FORMAT binary)` as a byte stream, on node-pg's
 * client without pg-copy-streams. The first column of every row is emitted as is, so whatever
 * Postgres rendered (a CSV or JSON line) reaches the consumer without ever becoming a JS
 * string; the other columns are kept, as text, for the first and the last row only (a
 * manifest's first/last seq and hash).
 *
 * Binary format, because text-format COPY would escape backslashes and newlines in the
 * payload. Backpressure pauses the socket: Postgres then blocks in send() and stops reading.
 * Postgres sends one CopyData message per row (the file header rides on the first), but the
 * parser does not rely on it: a tuple split across messages is reassembled.
 */
export class CopyOutStream extends Readable {
  /** Rows seen so far. */
  rows = 0;
  /** The extra columns of the first row (undefined until a row is seen). */
  first: string[] | undefined;
  /** node-pg reads these two off a submittable. */
  query_timeout?: number;
  callback?: (error?: Error | null) => void;

  private connection?: PgConnection;
  private headerLeft = true;
  private pending: Buffer | undefined;
  private out = Buffer.allocUnsafe(OUTPUT_CHUNK);
  private used = 0;
  /** The raw extra fields of the latest row, copied: node-pg reuses the buffer they came in. */
  private tail = Buffer.allocUnsafe(256);
  private tailLength = 0;
  private finished = false;
  private paused = false;

  /**
   * @param text the COPY statement
   * @param options.prefix bytes to emit before the first row (a CSV header)
   * @param options.onProgress called with the row count every 1,000 rows
   * @param options.tuples emit every row's whole tuple (int16 field count, then per field an
   *   int32 length, -1 for NULL, and the bytes) instead of its first column: a chunk then
   *   holds whole tuples only, for a consumer that decodes the fields itself (verify)
   */
  constructor(
    private readonly text: string,
    private readonly options: {
      prefix?: string;
      onProgress?: (rows: number) => void;
      tuples?: boolean;
    } = {},
  ) {
    super({ highWaterMark: 4 * OUTPUT_CHUNK });
    if (options.prefix) this.used = this.out.write(options.prefix, 'utf8');
  }

  /** Called by node-pg when the client gets to this query. */
  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.finished || this.destroyed) return;
    let data = message.chunk;
    if (this.pending) {
      data = Buffer.concat([this.pending, data]);
      this.pending = undefined;
    }
    let at = 0;
    try {
      if (this.headerLeft) {
        if (data.length < 19) return void (this.pending = Buffer.from(data));
        if (!data.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
        at = 19 + data.readInt32BE(15);
        this.headerLeft = false;
      }
      while (at < data.length) {
        const end = this.tupleEnd(data, at);
        if (end === -1) break;
        if (end === -2) {
          at = data.length; // The trailer: no more rows.
          break;
        }
        this.takeTuple(data, at, end);
        at = end;
      }
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (at < data.length) this.pending = Buffer.from(data.subarray(at));
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    if (this.finished) return;
    if (this.pending) {
      this.fail(new Error('COPY ended inside a row'));
      return;
    }
    this.finish();
    this.flushOut();
    this.push(null);
  }

  handleError(error: Error): void {
    this.fail(error);
  }

  handleEmptyQuery(): void {
    this.fail(new Error('empty COPY query'));
  }

  /** node-pg calls these on any submittable; COPY OUT never gets them. */
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}

  override _read(): void {
    if (this.paused) {
      this.paused = false;
      this.connection?.stream.resume();
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Cut off mid-way (the consumer left, or an error): the owner must not pool the
    // connection (node-pg's end() destroys the socket of a client with a query in flight).
    this.finish(error ?? undefined);
    callback(error);
  }

  /**
   * End offset of the tuple at `at`, -1 if it is not all here yet, -2 for the trailer.
   * A tuple: int16 field count, then per field an int32 length (-1: NULL) and the bytes.
   */
  private tupleEnd(data: Buffer, at: number): number {
    if (at + 2 > data.length) return -1;
    const fields = data.readInt16BE(at);
    if (fields === -1) return -2;
    let end = at + 2;
    for (let i = 0; i < fields; i += 1) {
      if (end + 4 > data.length) return -1;
      const length = data.readInt32BE(end);
      end += 4 + (length > 0 ? length : 0);
    }
    return end <= data.length ? end : -1;
  }

  private takeTuple(data: Buffer, at: number, end: number): void {
    if (this.options.tuples) {
      this.append(data, at, end - at);
      this.rows += 1;
      return;
    }
    const payloadLength = data.readInt32BE(at + 2);
    const payloadEnd = at + 6 + (payloadLength > 0 ? payloadLength : 0);
    if (payloadLength > 0) this.append(data, at + 6, payloadLength);
    const tailLength = end - payloadEnd;
    if (tailLength > this.tail.length) this.tail = Buffer.allocUnsafe(tailLength * 2);
    data.copy(this.tail, 0, payloadEnd, end);
    this.tailLength = tailLength;
    this.rows += 1;
    if (this.rows === 1) this.first = this.decodeTail();
    if (this.rows % 1000 === 0) this.options.onProgress?.(this.rows);
  }

  /** The extra fields of the latest row as text (NULL as the empty string). */
  private decodeTail(): string[] {
    const values: string[] = [];
    for (let at = 0; at < this.tailLength;) {
      const length = this.tail.readInt32BE(at);
      at += 4;
      values.push(length < 0 ? '' : this.tail.toString('utf8', at, at + length));
      at += length > 0 ? length : 0;
    }
    return values;
  }

  private append(data: Buffer, start: number, length: number): void {
    if (this.used + length > this.out.length) {
      this.flushOut();
      if (length > this.out.length) {
        this.emitChunk(Buffer.from(data.subarray(start, start + length)));
        return;
      }
    }
    data.copy(this.out, this.used, start, start + length);
    this.used += length;
  }

  private flushOut(): void {
    if (this.used === 0) return;
    const chunk = this.out.subarray(0, this.used);
    this.out = Buffer.allocUnsafe(OUTPUT_CHUNK);
    this.used = 0;
    this.emitChunk(chunk);
  }

  private emitChunk(chunk: Buffer): void {
    if (!this.push(chunk) && !this.paused && !this.finished) {
      this.paused = true;
      this.connection?.stream.pause();
    }
  }

  /** Tells node-pg the query is over (which clears its read timeout), once. */
  private finish(error?: Error): void {
    this.finished = true;
    // A pooled connection must not stay paused.
    if (this.paused) {
      this.paused = false;
      this.connection?.stream.resume();
    }
    const callback = this.callback;
    this.callback = undefined;
    callback?.(error);
  }

  private fail(error: Error): void {
    this.finish(error);
    if (!this.destroyed) this.destroy(error);
  }

  /** Once the stream has ended: the extra columns of the last row. */
  lastRow(): string[] | undefined {
    return this.rows === 0 ? undefined : this.decodeTail();
  }
}
