import { hash as sha256 } from 'node:crypto';

/**
 * The chain hash and the Merkle leaf hash of one event from a single UTF-8 encoding of its
 * canonical form, for the sealer (which needs both for every event):
 *   chain = hex(SHA-256(prevHash ‖ canonical)), leaf = SHA-256(0x00 ‖ canonical).
 * Both are hashed out of one reused buffer: 64 ASCII bytes of prevHash, then the canonical
 * bytes; the leaf input is the same bytes from offset 63 once that byte is set to 0x00.
 * One-shot `crypto.hash` and no string concatenation: about two microseconds less per event
 * than createHash plus a prefixed copy (docs/benchmarks.md, Merkle tree sealing).
 */
export class SealedHashes {
  private buffer = Buffer.allocUnsafe(4096);

  of(prevHash: string, canonical: string): { chain: string; leaf: Buffer } {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const needed = 64 + canonical.length * 3;
    if (needed > this.buffer.length) this.buffer = Buffer.allocUnsafe(needed * 2);
    const buffer = this.buffer;
    buffer.write(prevHash, 0, 64, 'latin1');
    const end = 64 + buffer.write(canonical, 64, 'utf8');
    const chain = sha256('sha256', buffer.subarray(0, end), 'hex');
    buffer[63] = 0;
    const leaf = sha256('sha256', buffer.subarray(63, end), 'buffer');
    return { chain, leaf };
  }
}
