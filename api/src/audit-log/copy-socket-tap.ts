/** Where the tap hands the payload of each CopyData message: `data[start, end)`. */
export interface CopyDataSink {
  copyData(data: Buffer, start: number, end: number): void;
}

/** The socket (or TLS socket) node-pg's parser reads: its one `data` listener. */
export interface TappableSocket {
  listeners(event: 'data'): unknown[];
  removeListener(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
}

type Listener = (chunk: Buffer) => void;

const COPY_DATA = 0x64; // 'd'
const READY_FOR_QUERY = 0x5a; // 'Z'
const HEADER = 5; // type byte + int32 length (which counts itself)

/**
 * Reads one COPY OUT's CopyData messages off the socket ahead of node-pg's parser, which would
 * make a message object and a Buffer view per row (the export's GC): each payload goes to the
 * sink as offsets into the socket's chunk. Every other message (CopyOutResponse, CopyDone,
 * CommandComplete, errors, notices) is passed to node-pg's parser whole, in order, so node-pg
 * still drives the query. At ReadyForQuery the socket is node-pg's again.
 *
 * Installed when the query is submitted: the connection is idle then, so node-pg's parser holds
 * no partial message and the next byte starts one.
 */
export class CopySocketTap {
  private carry = Buffer.allocUnsafe(16 * 1024);
  /** Bytes of a message split across chunks, held in `carry`. */
  private carried = 0;
  private removed = false;
  private readonly onData: Listener = (chunk) => this.read(chunk);

  private constructor(
    private readonly socket: TappableSocket,
    private readonly parse: Listener,
    private readonly sink: CopyDataSink,
  ) {}

  /** Taps `socket` if node-pg's parser is its only reader (else leaves it, and returns undefined). */
  static install(socket: Partial<TappableSocket>, sink: CopyDataSink): CopySocketTap | undefined {
    if (typeof socket.listeners !== 'function') return undefined;
    const listeners = socket.listeners('data');
    if (listeners.length !== 1 || typeof listeners[0] !== 'function') return undefined;
    const tap = new CopySocketTap(socket as TappableSocket, listeners[0] as Listener, sink);
    tap.socket.removeListener('data', tap.parse);
    tap.socket.on('data', tap.onData);
    return tap;
  }

  /** Gives the socket back to node-pg's parser, with any partial message (idempotent). */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.socket.removeListener('data', this.onData);
    this.socket.on('data', this.parse);
    if (this.carried > 0) {
      const rest = Buffer.from(this.carry.subarray(0, this.carried));
      this.carried = 0;
      this.parse(rest);
    }
  }

  private read(chunk: Buffer): void {
    let at = 0;
    if (this.carried > 0) {
      at = this.completeCarried(chunk);
      if (at < 0) return;
      if (this.removed) return this.handOver(chunk, at);
    }
    // A run of messages for node-pg, passed on in one piece.
    let forward = at;
    while (at + HEADER <= chunk.length) {
      const end = at + 1 + chunk.readUInt32BE(at + 1);
      if (end > chunk.length) break;
      const type = chunk[at];
      if (type === COPY_DATA) {
        if (forward < at) this.parse(chunk.subarray(forward, at));
        // node-pg ended the query (an error) or the stream was torn down: the rest is node-pg's.
        if (this.removed) return this.handOver(chunk, at);
        this.sink.copyData(chunk, at + HEADER, end);
        forward = end;
        if (this.removed) return this.handOver(chunk, end);
      } else if (type === READY_FOR_QUERY) {
        this.remove();
        return this.handOver(chunk, forward);
      }
      at = end;
    }
    if (forward < at) this.parse(chunk.subarray(forward, at));
    if (this.removed) return this.handOver(chunk, at);
    if (at < chunk.length) this.hold(chunk, at);
  }

  /** Once removed: what is left of `chunk` goes to node-pg's parser. */
  private handOver(chunk: Buffer, from: number): void {
    if (from < chunk.length) this.parse(chunk.subarray(from));
  }

  /** Copies the start of a split message into `carry`. */
  private hold(chunk: Buffer, at: number): void {
    this.carried = 0;
    this.append(chunk, at, chunk.length);
  }

  /**
   * Adds the rest of the carried message from `chunk` and handles it once whole. Returns the
   * offset in `chunk` after it, or -1 when `chunk` ended first (all of it now carried). The
   * caller hands the rest to node-pg if the message ended the tap (ReadyForQuery, an error).
   */
  private completeCarried(chunk: Buffer): number {
    let at = 0;
    if (this.carried < HEADER) {
      at = Math.min(HEADER - this.carried, chunk.length);
      this.append(chunk, 0, at);
      if (this.carried < HEADER) return -1;
    }
    const total = 1 + this.carry.readUInt32BE(1);
    const take = Math.min(total - this.carried, chunk.length - at);
    this.append(chunk, at, at + take);
    at += take;
    if (this.carried < total) return -1;
    this.carried = 0;
    const type = this.carry[0];
    if (type === COPY_DATA) {
      this.sink.copyData(this.carry, HEADER, total);
    } else {
      if (type === READY_FOR_QUERY) this.remove();
      // node-pg's parser keeps no reference to a buffer it has read whole.
      this.parse(this.carry.subarray(0, total));
    }
    return at;
  }

  private append(chunk: Buffer, from: number, to: number): void {
    const need = this.carried + (to - from);
    if (need > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * this.carry.length));
      this.carry.copy(grown, 0, 0, this.carried);
      this.carry = grown;
    }
    chunk.copy(this.carry, this.carried, from, to);
    this.carried = need;
  }
}
