import type { CopyRowWriter } from './copy-out-stream';

/**
 * Passes each binary COPY tuple through unchanged (int16 field count, then per field an int32
 * length, -1 for NULL, and the bytes), so a chunk holds whole tuples only: for a consumer that
 * decodes the fields itself (verify's `EventTupleEncoder`).
 */
export class WholeTupleWriter implements CopyRowWriter {
  first: string[] | undefined = undefined;

  prefix(): string {
    return '';
  }

  maxBytes(tupleBytes: number): number {
    return tupleBytes;
  }

  write(data: Buffer, at: number, out: Buffer, used: number): number {
    const fields = data.readInt16BE(at);
    let end = at + 2;
    for (let field = 0; field < fields; field += 1) {
      const length = data.readInt32BE(end);
      end += 4 + (length > 0 ? length : 0);
    }
    data.copy(out, used, at, end);
    return used + (end - at);
  }

  last(): string[] | undefined {
    return undefined;
  }
}
