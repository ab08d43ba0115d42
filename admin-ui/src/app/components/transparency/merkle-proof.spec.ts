import {
  checkConsistency,
  checkInclusion,
  fromBase64,
  leafHash,
  nodeHash,
  ProofError,
  toBase64,
  toHex,
} from './merkle-proof';
import { NaiveTree } from './testing/naive-tree';

const bytes = (text: string) => new TextEncoder().encode(text);
const hex = (text: string) =>
  Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

async function fails(promise: Promise<void>): Promise<boolean> {
  try {
    await promise;
    return false;
  } catch (error) {
    if (error instanceof ProofError) return true;
    throw error;
  }
}

describe('Merkle proofs verified with Web Crypto', () => {
  it('hashes leaves and nodes like the RFC 6962 vectors (transparency-dev/merkle)', async () => {
    // Leaf "" and the root of the two leaves "" and 0x00.
    const empty = await leafHash(new Uint8Array());
    expect(toHex(empty)).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const second = await leafHash(hex('00'));
    expect(toHex(second)).toBe('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7');
    expect(toHex(await nodeHash(empty, second))).toBe(
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    );
  });

  const MAX = 20;
  const tree = new NaiveTree(Array.from({ length: MAX }, (_, i) => bytes(`leaf ${i}`)));

  it('accepts every inclusion proof of the naive tree, and refuses altered ones', async () => {
    const failures: string[] = [];
    for (let n = 1; n <= MAX; n += 1) {
      const root = await tree.mth(0, n);
      for (let m = 0; m < n; m += 1) {
        const leaf = await tree.mth(m, m + 1);
        const proof = await tree.path(m, 0, n);
        const at = `leaf ${m} of ${n}`;
        if (await fails(checkInclusion(leaf, m, n, proof, root))) failures.push(`${at} refused`);
        if (n > 1) {
          const other = await tree.mth((m + 1) % n, ((m + 1) % n) + 1);
          if (!(await fails(checkInclusion(other, m, n, proof, root))))
            failures.push(`${at}: other leaf accepted`);
          if (!(await fails(checkInclusion(leaf, m, n, proof.slice(1), root))))
            failures.push(`${at}: short proof accepted`);
          if (!(await fails(checkInclusion(leaf, m, n, [...proof, root], root))))
            failures.push(`${at}: long proof accepted`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('accepts every consistency proof of the naive tree, and refuses altered ones', async () => {
    const failures: string[] = [];
    for (let n = 1; n <= MAX; n += 1) {
      const newRoot = await tree.mth(0, n);
      for (let m = 1; m <= n; m += 1) {
        const oldRoot = await tree.mth(0, m);
        const proof = m === n ? [] : await tree.proof(m, n);
        const at = `${m} -> ${n}`;
        if (await fails(checkConsistency(m, n, proof, oldRoot, newRoot)))
          failures.push(`${at} refused`);
        if (m < n) {
          if (!(await fails(checkConsistency(m, n, proof, await tree.mth(0, m - 1), newRoot))))
            failures.push(`${at}: wrong old root accepted`);
          if (!(await fails(checkConsistency(m, n, proof, oldRoot, await tree.mth(1, n)))))
            failures.push(`${at}: wrong new root accepted`);
          if (!(await fails(checkConsistency(m, n, proof.slice(0, -1), oldRoot, newRoot))))
            failures.push(`${at}: short proof accepted`);
          const bent = proof.map((hash, i) => (i === 0 ? hash.map((b) => b ^ 1) : hash));
          if (!(await fails(checkConsistency(m, n, bent, oldRoot, newRoot))))
            failures.push(`${at}: altered proof accepted`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('reports progress and names what is wrong', async () => {
    const steps: string[] = [];
    const proof = await tree.proof(3, 13);
    await checkConsistency(3, 13, proof, await tree.mth(0, 3), await tree.mth(0, 13), (d, t) =>
      steps.push(`${d}/${t}`),
    );
    expect(steps.at(-1)).toBe(`${steps.length}/${steps.length}`);
    const root = await tree.mth(0, 5);
    await expect(checkInclusion(root, 5, 5, [], root)).rejects.toThrow('not in a tree of size 5');
    await expect(checkConsistency(5, 5, [], root, await tree.mth(0, 4))).rejects.toThrow(
      'different roots',
    );
    await expect(checkConsistency(3, 5, [], root, root)).rejects.toThrow('empty');
  });

  it('round-trips base64 and refuses anything else', () => {
    const data = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    expect(fromBase64(toBase64(data))).toEqual(data);
    expect(() => fromBase64('not base64!')).toThrow(ProofError);
    expect(() => fromBase64('')).toThrow(ProofError);
  });
});
