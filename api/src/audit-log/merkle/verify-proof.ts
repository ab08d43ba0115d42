import { HASH_SIZE, nodeHash } from './tree-hash';

/** A proof that does not check out; the message says which part is wrong. */
export class ProofError extends Error {
  override readonly name = 'ProofError';
}

function isOdd(x: number): boolean {
  return x % 2 === 1;
}

function isPowerOfTwo(x: number): boolean {
  let rest = x;
  while (rest > 1 && rest % 2 === 0) rest /= 2;
  return rest === 1;
}

function half(x: number): number {
  return Math.floor(x / 2);
}

function checkHashes(proof: readonly Buffer[], what: string): void {
  proof.forEach((hash, i) => {
    if (hash.length !== HASH_SIZE)
      throw new ProofError(`${what} element ${i} is ${hash.length} bytes, not ${HASH_SIZE}`);
  });
}

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1-5); throws ProofError when
 * the proof has the wrong length for (index, size).
 */
export function rootFromInclusionProof(
  leaf: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
): Buffer {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new ProofError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  checkHashes(proof, 'inclusion proof');
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0)
      throw new ProofError(`inclusion proof is longer than a tree of size ${size} needs`);
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0)
    throw new ProofError(`inclusion proof is shorter than a tree of size ${size} needs`);
  return r;
}

/** Throws ProofError unless `proof` shows `leaf` at `index` in the tree of `size` with `root`. */
export function checkInclusion(
  leaf: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
  root: Buffer,
): void {
  const computed = rootFromInclusionProof(leaf, index, size, proof);
  if (!computed.equals(root)) {
    throw new ProofError(
      `inclusion proof leads to root ${computed.toString('base64')}, not ${root.toString('base64')}`,
    );
  }
}

export function verifyInclusion(
  leaf: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  try {
    checkInclusion(leaf, index, size, proof, root);
    return true;
  } catch (error) {
    if (error instanceof ProofError) return false;
    throw error;
  }
}

/**
 * Throws ProofError unless `proof` shows the tree of size m with `oldRoot` is a prefix of the
 * tree of size n with `newRoot` (RFC 9162 §2.1.4.2). m = 0 is consistent with anything and
 * m = n needs equal roots; both take an empty proof.
 */
export function checkConsistency(
  m: number,
  n: number,
  proof: readonly Buffer[],
  oldRoot: Buffer,
  newRoot: Buffer,
): void {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) {
    throw new ProofError(`old tree size ${m} must be between 0 and the new tree size ${n}`);
  }
  checkHashes(proof, 'consistency proof');
  if (m === 0 || m === n) {
    if (proof.length !== 0)
      throw new ProofError(`consistency proof from ${m} to ${n} must be empty`);
    if (m === n && !oldRoot.equals(newRoot))
      throw new ProofError(`two trees of size ${n} have different roots`);
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
  for (const c of path.slice(1)) {
    if (sn === 0) throw new ProofError(`consistency proof is longer than ${m} to ${n} needs`);
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new ProofError(`consistency proof is shorter than ${m} to ${n} needs`);
  if (!fr.equals(oldRoot)) {
    throw new ProofError(
      `consistency proof leads to old root ${fr.toString('base64')}, not ${oldRoot.toString('base64')}`,
    );
  }
  if (!sr.equals(newRoot)) {
    throw new ProofError(
      `consistency proof leads to new root ${sr.toString('base64')}, not ${newRoot.toString('base64')}`,
    );
  }
}

export function verifyConsistency(
  m: number,
  n: number,
  proof: readonly Buffer[],
  oldRoot: Buffer,
  newRoot: Buffer,
): boolean {
  try {
    checkConsistency(m, n, proof, oldRoot, newRoot);
    return true;
  } catch (error) {
    if (error instanceof ProofError) return false;
    throw error;
  }
}
