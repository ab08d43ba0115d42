import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 (hex) and size of a file, streamed; `onBytes` sees the running total. */
export async function sha256OfFile(
  path: string,
  onBytes: (done: number) => void = () => undefined,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
    onBytes(size);
  }
  return { sha256: hash.digest('hex'), size };
}
