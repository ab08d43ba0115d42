import { createHash } from 'node:crypto';
import { canonicalEvent, HashedEventFields } from '../chain/event-hash';

/** Byte length of every tree hash (SHA-256). */
export const HASH_SIZE = 32;

/** Root of the empty tree (RFC 9162 §2.1.1): SHA-256 of no bytes. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 ‖ data): the prefix keeps a leaf from ever being taken for an inner node. */
export function leafHash(data: Buffer | string): Buffer {
  return createHash('sha256')
    .update(LEAF_PREFIX)
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest();
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Leaf hash of a sealed event: its leaf data is the UTF-8 of the canonical JSON the chain hash covers. */
export function eventLeafHash(fields: HashedEventFields): Buffer {
  return leafHash(canonicalEvent(fields));
}
