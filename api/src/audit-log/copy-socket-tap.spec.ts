import { EventEmitter } from 'node:events';
import { CopySocketTap } from './copy-socket-tap';

/** One protocol message: type byte, int32 length (counting itself), body. */
function message(type: string, body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(4 + bytes.length, 1);
  return Buffer.concat([head, bytes]);
}

/** A socket whose one `data` reader stands for node-pg's parser, and a sink; records both. */
function tapped(onParse: (chunk: Buffer, tap: CopySocketTap) => void = () => undefined) {
  const socket = new EventEmitter();
  const parsed: Buffer[] = [];
  const copied: Buffer[] = [];
  const parser = (chunk: Buffer) => {
    // The tap's buffers are reused: keep copies, as a parser keeps what it has not read.
    parsed.push(Buffer.from(chunk));
    onParse(chunk, tap);
  };
  socket.on('data', parser);
  const sink = {
    copyData: (data: Buffer, start: number, end: number) =>
      copied.push(Buffer.from(data.subarray(start, end))),
  };
  const tap = CopySocketTap.install(socket, sink)!;
  return { socket, parser, tap, parsed: () => Buffer.concat(parsed), copied };
}

function feed(socket: EventEmitter, bytes: Buffer, sizes: number[]): void {
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length];
    socket.emit('data', Buffer.from(bytes.subarray(at, at + size)));
    at += size;
  }
}

describe('CopySocketTap', () => {
  const rows = Array.from({ length: 300 }, (_, i) => `row ${i} ${'é'.repeat(i % 40)}`);
  const before = message('H', 'copy out response');
  const copyData = rows.map((row) => message('d', row));
  const after = Buffer.concat([
    message('c', ''),
    message('C', 'COPY 300'),
    message('Z', 'I'),
    message('T', 'the next query'),
  ]);
  const stream = Buffer.concat([before, ...copyData, after]);

  it.each([[[stream.length]], [[1]], [[3, 7, 64]], [[5]], [[4096, 13]]])(
    'hands CopyData payloads to the sink and the rest, in order, to the parser (chunks %p)',
    (sizes) => {
      const { socket, parser, parsed, copied } = tapped();
      feed(socket, stream, sizes);
      expect(copied.map((row) => row.toString('utf8'))).toEqual(rows);
      expect(parsed().equals(Buffer.concat([before, after]))).toBe(true);
      // After ReadyForQuery the socket is the parser's alone again.
      expect(socket.listeners('data')).toEqual([parser]);
    },
  );

  it('gives node-pg the rest of the COPY once the query ended in an error', () => {
    const error = message('E', 'division by zero');
    const tail = Buffer.concat([message('d', 'late row'), message('Z', 'I')]);
    const { socket, parser, parsed, copied } = tapped((chunk, tap) => {
      if (chunk[0] === 0x45) tap.remove(); // what CopyOutStream does on handleError
    });
    feed(socket, Buffer.concat([before, copyData[0], error, tail]), [7, 11]);
    expect(copied.map((row) => row.toString('utf8'))).toEqual([rows[0]]);
    expect(parsed().equals(Buffer.concat([before, error, tail]))).toBe(true);
    expect(socket.listeners('data')).toEqual([parser]);
  });

  it('passes a message split at removal on to the parser', () => {
    const { socket, parser, tap, parsed, copied } = tapped();
    const half = copyData[1].subarray(0, 6);
    feed(socket, Buffer.concat([before, copyData[0], half]), [1000]);
    tap.remove();
    expect(copied).toHaveLength(1);
    expect(parsed().equals(Buffer.concat([before, half]))).toBe(true);
    expect(socket.listeners('data')).toEqual([parser]);
  });

  it('leaves a socket alone unless node-pg is its one reader', () => {
    const socket = new EventEmitter();
    socket.on('data', () => undefined);
    socket.on('data', () => undefined);
    expect(CopySocketTap.install(socket, { copyData: () => undefined })).toBeUndefined();
    expect(CopySocketTap.install({}, { copyData: () => undefined })).toBeUndefined();
  });
});
