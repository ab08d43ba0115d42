import { CopyOutStream, CopyRowWriter } from './copy-out-stream';

/**
 * A writer that emits each tuple's first field as is and keeps the other fields of the first
 * and last rows as text: the stream's framing, buffering and backpressure on their own (the
 * export's writer is checked against the reference formatter in audit-export-sql.e2e-spec).
 */
class FirstFieldWriter implements CopyRowWriter {
  first: string[] | undefined;
  private latest: string[] | undefined;
  constructor(private readonly header = '') {}
  prefix(): string {
    return this.header;
  }
  maxBytes(tupleBytes: number): number {
    return tupleBytes;
  }
  write(data: Buffer, at: number, out: Buffer, used: number): number {
    const fields: (Buffer | null)[] = [];
    let p = at + 2;
    for (let i = data.readInt16BE(at); i > 0; i -= 1) {
      const n = data.readInt32BE(p);
      fields.push(n < 0 ? null : data.subarray(p + 4, p + 4 + n));
      p += 4 + Math.max(n, 0);
    }
    this.latest = fields.slice(1).map((field) => field?.toString('utf8') ?? '');
    this.first ??= this.latest;
    return used + (fields[0]?.copy(out, used) ?? 0);
  }
  last(): string[] | undefined {
    return this.latest;
  }
}

/** A binary COPY stream (header, tuples, trailer) as Postgres writes it. */
function binaryCopy(rows: (string | null)[][]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const value of row) {
      const length = Buffer.alloc(4);
      const bytes = value === null ? Buffer.alloc(0) : Buffer.from(value, 'utf8');
      length.writeInt32BE(value === null ? -1 : bytes.length);
      parts.push(length, bytes);
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** Feeds `data` to the stream in messages of the given sizes, then ends the query. */
async function read(
  stream: CopyOutStream,
  data: Buffer,
  sizes: number[],
): Promise<{ text: string; paused: number }> {
  let paused = 0;
  stream.submit({
    query: () => undefined,
    stream: { pause: () => (paused += 1), resume: () => undefined },
  });
  for (let at = 0, i = 0; at < data.length; i += 1) {
    const size = sizes[i % sizes.length];
    // node-pg reuses its buffer: hand over a copy and scribble over it afterwards.
    const chunk = Buffer.from(data.subarray(at, at + size));
    stream.handleCopyData({ chunk });
    chunk.fill(0x2a);
    at += size;
  }
  stream.handleReadyForQuery();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { text: Buffer.concat(chunks).toString('utf8'), paused };
}

describe('CopyOutStream', () => {
  const rows = Array.from({ length: 500 }, (_, i) => [
    `line ${i} é😀 "q", \\ \n`,
    String(i + 1),
    i === 3 ? null : `h${i}`,
  ]);
  const expected = rows.map((row) => row[0]).join('');

  it.each([[[1]], [[7, 3, 1000]], [[100_000]], [[19, 2, 4, 5]]])(
    'emits the first column of every row whatever the message boundaries (%j)',
    async (sizes) => {
      const stream = new CopyOutStream('COPY …', new FirstFieldWriter('header\r\n'));
      const { text } = await read(stream, binaryCopy(rows), sizes);
      expect(text).toBe(`header\r\n${expected}`);
      expect(stream.rows).toBe(500);
      expect(stream.first).toEqual(['1', 'h0']);
      expect(stream.lastRow()).toEqual(['500', 'h499']);
    },
  );

  it('reads a NULL extra column as the empty string', async () => {
    const stream = new CopyOutStream('COPY …', new FirstFieldWriter());
    await read(stream, binaryCopy(rows.slice(0, 4)), [1000]);
    expect(stream.lastRow()).toEqual(['4', '']);
  });

  it('passes a row larger than its output chunk through whole', async () => {
    const big = `${'x'.repeat(1024 * 1024)}\n`;
    const stream = new CopyOutStream('COPY …', new FirstFieldWriter());
    const { text } = await read(stream, binaryCopy([['a\n'], [big], ['b\n']]), [65536]);
    expect(text).toBe(`a\n${big}b\n`);
  });

  it('pauses the socket when the consumer falls behind', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => [`${'y'.repeat(200)} ${i}\n`]);
    const stream = new CopyOutStream('COPY …', new FirstFieldWriter());
    const { paused } = await read(stream, binaryCopy(many), [4096]);
    expect(paused).toBeGreaterThan(0);
  });

  it('fails on a stream that is not binary COPY, and on one cut inside a row', async () => {
    const wrong = new CopyOutStream('COPY …', new FirstFieldWriter());
    const notBinary = read(wrong, Buffer.from('a\tb\nc\td\n'.repeat(10)), [100]);
    await expect(notBinary).rejects.toThrow('not a binary COPY stream');
    const cut = new CopyOutStream('COPY …', new FirstFieldWriter());
    const data = binaryCopy(rows);
    cut.submit({
      query: () => undefined,
      stream: { pause: () => undefined, resume: () => undefined },
    });
    cut.handleCopyData({ chunk: data.subarray(0, 100) });
    cut.handleReadyForQuery();
    await expect(cut.toArray()).rejects.toThrow('COPY ended inside a row');
  });
});
