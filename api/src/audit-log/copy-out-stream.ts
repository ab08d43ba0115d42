import { Readable } from 'node:stream';

/** The parts of node-pg's `Connection` a custom query (a "submittable") talks to. */
interface PgConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void };
}

/** Turns one binary COPY tuple into output bytes (an export line), and keeps the ends. */
export interface CopyRowWriter {
  /** Bytes to emit before the first row (a CSV header). */
  prefix(): string;
  /** At most how many bytes `write` produces for a tuple of this size. */
  maxBytes(tupleBytes: number): number;
  /** Writes the whole tuple at `at` of `data` into `out` from `used`; returns the new end. */
  write(data: Buffer, at: number, out: Buffer, used: number): number;
  /** The manifest's fields of the first row written, and of the last. */
  first: string[] | undefined;
  last(): string[] | undefined;
}

/** Binary COPY header: signature, then int32 flags and int32 header-extension length. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const OUTPUT_CHUNK = 256 * 1024;

/**
 * `COPY (SELECT …) TO STDOUT (FORMAT binary)` as a byte stream, on node-pg's client without
 * pg-copy-streams: each tuple is handed, as bytes, to a `CopyRowWriter` that writes its line
 * into a large output buffer, emitted in chunks of 256 KiB. No value becomes a JS string.
 *
 * Backpressure pauses the socket: Postgres then blocks in send() and stops reading. While the
 * consumer (socket, file) takes one chunk, Postgres produces the next. Postgres sends one
 * CopyData message per row (the file header rides on the first), but the parser does not rely
 * on it: a tuple split across messages is reassembled.
 */
export class CopyOutStream extends Readable {
  /** Rows seen so far. */
  rows = 0;
  /** node-pg reads these two off a submittable. */
  query_timeout?: number;
  callback?: (error?: Error | null) => void;

  private connection?: PgConnection;
  private headerLeft = true;
  private pending: Buffer | undefined;
  private out = Buffer.allocUnsafe(OUTPUT_CHUNK);
  private used = 0;
  private finished = false;
  private paused = false;

  /**
   * @param text the COPY statement
   * @param writer formats each tuple
   * @param onProgress called with the row count every 1,000 rows
   */
  constructor(
    private readonly text: string,
    private readonly writer: CopyRowWriter,
    private readonly onProgress?: (rows: number) => void,
  ) {
    super({ highWaterMark: 4 * OUTPUT_CHUNK });
    const prefix = writer.prefix();
    if (prefix) this.used = this.out.write(prefix, 'utf8');
  }

  /** The writer's manifest fields of the first row (undefined until a row is seen). */
  get first(): string[] | undefined {
    return this.writer.first;
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
    const room = this.writer.maxBytes(end - at);
    if (this.used + room > this.out.length) {
      this.flushOut();
      // A row larger than a chunk (a huge `changes`) gets a buffer of its own.
      if (room > this.out.length) this.out = Buffer.allocUnsafe(room);
    }
    this.used = this.writer.write(data, at, this.out, this.used);
    this.rows += 1;
    if (this.rows % 1000 === 0) this.onProgress?.(this.rows);
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

  /** Once the stream has ended: the writer's manifest fields of the last row. */
  lastRow(): string[] | undefined {
    return this.writer.last();
  }
}
