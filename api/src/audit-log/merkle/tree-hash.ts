import { createHash, hash } from 'node:crypto';
import { canonicalEvent, HashedEventFields } from '../chain/event-hash';

/** Byte length of every tree hash (SHA-256). */
export const HASH_SIZE = 32;

/** Root of the empty tree (RFC 9162 §2.1.1): SHA-256 of no bytes. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
/** Reused input of nodeHash: 0x01 ‖ left ‖ right (hashing is synchronous, so never shared). */
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE, 0x01);

// One-shot crypto.hash rather than createHash().update().digest(): no Hash object per call,
// which the sealer pays about twice per event (profiled, see docs/benchmarks.md).

/** SHA-256(0x00 ‖ data): the prefix keeps a leaf from ever being taken for an inner node. */
export function leafHash(data: Buffer | string): Buffer {
  return typeof data === 'string'
    ? hash('sha256', `\u0000${data}`, 'buffer')
    : hash('sha256', Buffer.concat([LEAF_PREFIX, data]), 'buffer');
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256')
      .update(nodeInput.subarray(0, 1))
      .update(left)
      .update(right)
      .digest();
  }
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 1 + HASH_SIZE);
  return hash('sha256', nodeInput, 'buffer');
}

/** Leaf hash of a sealed event: its leaf data is the UTF-8 of the canonical JSON the chain hash covers. */
export function eventLeafHash(fields: HashedEventFields): Buffer {
  return leafHash(canonicalEvent(fields));
}
