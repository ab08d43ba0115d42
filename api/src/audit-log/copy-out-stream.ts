import { Readable } from 'node:stream';
import { CopySocketTap, type TappableSocket } from './copy-socket-tap';

/** The parts of node-pg's `Connection` a custom query (a "submittable") talks to. */
interface PgConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void } & Partial<TappableSocket>;
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
 * The CopyData messages are read off the socket (`CopySocketTap`), not through node-pg's
 * per-message objects, where the socket allows it.
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
  private tap?: CopySocketTap;
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
    this.tap = CopySocketTap.install(connection.stream, this);
    connection.query(this.text);
  }

  /** node-pg's CopyData message (when the socket could not be tapped). */
  handleCopyData(message: { chunk: Buffer }): void {
    this.copyData(message.chunk, 0, message.chunk.length);
  }

  /** One CopyData payload, `data[start, end)`: whole tuples, or any piece of the stream. */
  copyData(data: Buffer, start: number, end: number): void {
    if (this.finished || this.destroyed) return;
    let at = start;
    if (this.pending) {
      data = Buffer.concat([this.pending, data.subarray(start, end)]);
      this.pending = undefined;
      at = 0;
      end = data.length;
    }
    try {
      if (this.headerLeft) {
        if (end - at < 19) return void (this.pending = Buffer.from(data.subarray(at, end)));
        if (!data.subarray(at, at + 11).equals(SIGNATURE)) {
          throw new Error('not a binary COPY stream');
        }
        at += 19 + data.readInt32BE(at + 15);
        this.headerLeft = false;
      }
      while (at < end) {
        const tupleEnd = this.tupleEnd(data, at, end);
        if (tupleEnd === -1) break;
        if (tupleEnd === -2) {
          at = end; // The trailer: no more rows.
          break;
        }
        this.takeTuple(data, at, tupleEnd);
        at = tupleEnd;
      }
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (at < end) this.pending = Buffer.from(data.subarray(at, end));
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
   * End offset of the tuple at `at` (before `limit`), -1 if it is not all here yet, -2 for the
   * trailer. A tuple: int16 field count, then per field an int32 length (-1: NULL) and the bytes.
   */
  private tupleEnd(data: Buffer, at: number, limit: number): number {
    if (at + 2 > limit) return -1;
    const fields = data.readInt16BE(at);
    if (fields === -1) return -2;
    let end = at + 2;
    for (let i = 0; i < fields; i += 1) {
      if (end + 4 > limit) return -1;
      const length = data.readInt32BE(end);
      end += 4 + (length > 0 ? length : 0);
    }
    return end <= limit ? end : -1;
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
    this.tap?.remove();
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
