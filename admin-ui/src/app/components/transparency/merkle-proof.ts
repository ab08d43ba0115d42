/**
 * RFC 9162 Merkle proofs checked in the browser with Web Crypto SHA-256, so an auditor's
 * verdict never depends on the server that produced the proof. Mirrors the server's
 * api/src/audit-log/merkle/verify-proof.ts (docs/audit-log.md, "Merkle tree").
 */

export const HASH_SIZE = 32;

/** A proof that does not check out; the message says which part is wrong. */
export class ProofError extends Error {
  override readonly name = 'ProofError';
}

/** Called after each hashing step: `done` of `total` steps. */
export type ProgressFn = (done: number, total: number) => void;

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0), data));
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(1), left, right));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Strict standard base64 (what the API and the notes use); throws ProofError otherwise. */
export function fromBase64(text: string, what = 'hash'): Uint8Array {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) || !text) {
    throw new ProofError(`${what} is not valid base64`);
  }
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Decodes 32-byte base64 hashes, naming the bad one. */
export function decodeHashes(hashes: readonly string[], what: string): Uint8Array[] {
  return hashes.map((text, i) => {
    const bytes = fromBase64(text, `${what} element ${i}`);
    if (bytes.length !== HASH_SIZE) {
      throw new ProofError(`${what} element ${i} is ${bytes.length} bytes, not ${HASH_SIZE}`);
    }
    return bytes;
  });
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function isPowerOfTwo(x: number): boolean {
  let rest = x;
  while (rest > 1 && rest % 2 === 0) rest /= 2;
  return rest === 1;
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2); ProofError on a wrong length. */
export async function rootFromInclusionProof(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  progress?: ProgressFn,
): Promise<Uint8Array> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new ProofError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const [step, p] of proof.entries()) {
    if (sn === 0)
      throw new ProofError(`inclusion proof is longer than a tree of size ${size} needs`);
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
    progress?.(step + 1, proof.length);
  }
  if (sn !== 0)
    throw new ProofError(`inclusion proof is shorter than a tree of size ${size} needs`);
  return r;
}

/** Throws ProofError unless `proof` puts `leaf` at `index` in the tree of `size` with `root`. */
export async function checkInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  progress?: ProgressFn,
): Promise<void> {
  const computed = await rootFromInclusionProof(leaf, index, size, proof, progress);
  if (!equalBytes(computed, root)) {
    throw new ProofError(
      `inclusion proof leads to root ${toBase64(computed)}, not ${toBase64(root)}`,
    );
  }
}

/**
 * Throws ProofError unless `proof` shows the tree of size m with `oldRoot` is a prefix of the
 * tree of size n with `newRoot` (RFC 9162 §2.1.4.2). m = n needs equal roots and no proof.
 */
export async function checkConsistency(
  m: number,
  n: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  progress?: ProgressFn,
): Promise<void> {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 1 || m > n) {
    throw new ProofError(`old tree size ${m} must be between 1 and the new tree size ${n}`);
  }
  if (m === n) {
    if (proof.length !== 0)
      throw new ProofError(`consistency proof from ${m} to ${n} must be empty`);
    if (!equalBytes(oldRoot, newRoot)) {
      throw new ProofError(`two trees of size ${n} have different roots`);
    }
    progress?.(1, 1);
    return;
  }
  if (proof.length === 0) throw new ProofError(`consistency proof from ${m} to ${n} is empty`);
  // A power-of-two old tree is itself a node of the new one: its root starts the path.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  const steps = path.length - 1;
  for (const [step, c] of path.slice(1).entries()) {
    if (sn === 0) throw new ProofError(`consistency proof is longer than ${m} to ${n} needs`);
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
    progress?.(step + 1, steps);
  }
  if (sn !== 0) throw new ProofError(`consistency proof is shorter than ${m} to ${n} needs`);
  if (!equalBytes(fr, oldRoot)) {
    throw new ProofError(
      `consistency proof leads to old root ${toBase64(fr)}, not ${toBase64(oldRoot)}`,
    );
  }
  if (!equalBytes(sr, newRoot)) {
    throw new ProofError(
      `consistency proof leads to new root ${toBase64(sr)}, not ${toBase64(newRoot)}`,
    );
  }
}
