import { createHash } from 'node:crypto';
import { appendLeaves, Frontier, frontierRoot } from './frontier';
import { EMPTY_ROOT, leafHash, nodeHash } from './tree-hash';
import {
  consistencyPlan,
  consistencyProof,
  inclusionPlan,
  inclusionProof,
  NodeCoord,
  NodeReader,
  rootAt,
  rootOfLeaves,
} from './tree-math';
import {
  checkConsistency,
  checkInclusion,
  verifyConsistency,
  verifyInclusion,
} from './verify-proof';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');
// Jest's deep equality on Buffers is slow; compare hex strings in the big loops.
const hexes = (hashes: Buffer[]): string[] => hashes.map((hash) => hash.toString('hex'));

// Test vector data from transparency-dev/merkle testonly/constants.go (RFC 6962 hashing).
const VECTOR_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);
const VECTOR_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);
const VECTOR_NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
].map((level) => level.map(hex));

/**
 * A deliberately naive implementation straight from the RFC 9162 §2.1 text: MTH, PATH and
 * PROOF/SUBPROOF as recursive definitions over leaf ranges, memoised only for speed.
 */
class NaiveTree {
  private readonly memo = new Map<string, Buffer>();
  constructor(private readonly leaves: Buffer[]) {}

  private static split(n: number): number {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  mth(lo: number, hi: number): Buffer {
    const key = `${lo}:${hi}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const n = hi - lo;
    let result: Buffer;
    if (n === 0) result = createHash('sha256').digest();
    else if (n === 1)
      result = createHash('sha256')
        .update(Buffer.from([0]))
        .update(this.leaves[lo])
        .digest();
    else {
      const k = NaiveTree.split(n);
      result = createHash('sha256')
        .update(Buffer.from([1]))
        .update(this.mth(lo, lo + k))
        .update(this.mth(lo + k, hi))
        .digest();
    }
    this.memo.set(key, result);
    return result;
  }

  path(m: number, lo: number, hi: number): Buffer[] {
    const n = hi - lo;
    if (n === 1) return [];
    const k = NaiveTree.split(n);
    return m < k
      ? [...this.path(m, lo, lo + k), this.mth(lo + k, hi)]
      : [...this.path(m - k, lo + k, hi), this.mth(lo, lo + k)];
  }

  proof(m: number, n: number): Buffer[] {
    return this.subproof(m, 0, n, true);
  }

  private subproof(m: number, lo: number, hi: number, b: boolean): Buffer[] {
    const n = hi - lo;
    if (m === n) return b ? [] : [this.mth(lo, hi)];
    const k = NaiveTree.split(n);
    return m <= k
      ? [...this.subproof(m, lo, lo + k, b), this.mth(lo + k, hi)]
      : [...this.subproof(m - k, lo + k, hi, false), this.mth(lo, lo + k)];
  }
}

/** Node storage built with appendLeaves, counting batches and refusing nodes past the tree. */
class MemoryReader implements NodeReader {
  readonly nodes = new Map<string, Buffer>();
  batches = 0;
  size = 0;
  frontier: Frontier = { size: 0, hashes: [] };

  append(leafHashes: Buffer[]): void {
    const { frontier, created } = appendLeaves(this.frontier, leafHashes);
    for (const node of created) this.nodes.set(`${node.level}/${node.index}`, node.hash);
    this.frontier = frontier;
    this.size = frontier.size;
  }

  readNodes(coords: readonly NodeCoord[]): Promise<Buffer[]> {
    this.batches += 1;
    return Promise.resolve(
      coords.map((coord) => {
        const hash = this.nodes.get(`${coord.level}/${coord.index}`);
        if (!hash) throw new Error(`no complete node ${coord.level}/${coord.index}`);
        return hash;
      }),
    );
  }
}

describe('tree hashing against the RFC 6962 vectors', () => {
  it('hashes the empty tree, leaves and nodes', () => {
    expect(EMPTY_ROOT).toEqual(VECTOR_ROOTS[0]);
    VECTOR_LEAVES.forEach((leaf, i) => expect(leafHash(leaf)).toEqual(VECTOR_NODES[0][i]));
    expect(nodeHash(VECTOR_NODES[0][0], VECTOR_NODES[0][1])).toEqual(VECTOR_NODES[1][0]);
  });

  it('gives the vector root for every size, in memory and from the frontier', () => {
    const reader = new MemoryReader();
    for (let size = 0; size <= VECTOR_LEAVES.length; size += 1) {
      const leaves = VECTOR_LEAVES.slice(0, size).map((leaf) => leafHash(leaf));
      expect(rootOfLeaves(leaves)).toEqual(VECTOR_ROOTS[size]);
      expect(frontierRoot(reader.frontier)).toEqual(VECTOR_ROOTS[size]);
      if (size < VECTOR_LEAVES.length) reader.append([leafHash(VECTOR_LEAVES[size])]);
    }
    VECTOR_NODES.forEach((level, l) =>
      level.forEach((hash, i) => expect(reader.nodes.get(`${l}/${i}`)).toEqual(hash)),
    );
  });

  it('proves leaf 0 in the tree of 8 with the vector siblings', async () => {
    const reader = new MemoryReader();
    reader.append(VECTOR_LEAVES.map((leaf) => leafHash(leaf)));
    const proof = await inclusionProof(reader, 0, 8);
    expect(proof).toEqual([VECTOR_NODES[0][1], VECTOR_NODES[1][1], VECTOR_NODES[2][1]]);
    expect(verifyInclusion(VECTOR_NODES[0][0], 0, 8, proof, VECTOR_ROOTS[8])).toBe(true);
    // 4 -> 8 is one step: the old root is the left half, the proof is the right half.
    expect(await consistencyProof(reader, 4, 8)).toEqual([VECTOR_NODES[2][1]]);
  });
});

describe('proofs against a naive RFC 9162 implementation', () => {
  const MAX = 70;
  const data = Array.from({ length: MAX }, (_, i) => Buffer.from(`leaf ${i}`));
  const naive = new NaiveTree(data);
  const reader = new MemoryReader();
  reader.append(data.map((leaf) => leafHash(leaf)));

  it('agrees on every root, and rootAt reads one batch', async () => {
    for (let n = 0; n <= MAX; n += 1) {
      const before = reader.batches;
      expect((await rootAt(reader, n)).equals(naive.mth(0, n))).toBe(true);
      expect(reader.batches - before).toBeLessThanOrEqual(1);
    }
  });

  // Loops collect failures and assert once: thousands of expect() calls dominate the runtime.
  it('agrees on every inclusion proof, which verifies and fails when altered', async () => {
    const failures: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) failures.push(what);
    };
    for (let n = 1; n <= MAX; n += 1) {
      const root = naive.mth(0, n);
      for (let m = 0; m < n; m += 1) {
        const at = `leaf ${m} of ${n}`;
        const before = reader.batches;
        const proof = await inclusionProof(reader, m, n);
        check(reader.batches - before <= 1, `${at}: more than one read`);
        check(
          hexes(proof).join() === hexes(naive.path(m, 0, n)).join(),
          `${at}: differs from PATH`,
        );
        const leaf = naive.mth(m, m + 1);
        check(verifyInclusion(leaf, m, n, proof, root), `${at}: does not verify`);
        const other = (m + 1) % n;
        if (n > 1)
          check(
            !verifyInclusion(naive.mth(other, other + 1), m, n, proof, root),
            `${at}: other leaf verifies`,
          );
        if (proof.length > 0) {
          check(!verifyInclusion(leaf, m, n, proof.slice(1), root), `${at}: short proof verifies`);
          const bent = proof.map((hash, i) =>
            i === proof.length - 1 ? nodeHash(hash, hash) : hash,
          );
          check(!verifyInclusion(leaf, m, n, bent, root), `${at}: altered proof verifies`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('agrees on every consistency proof, which verifies and fails when altered', async () => {
    const failures: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) failures.push(what);
    };
    for (let n = 1; n <= MAX; n += 1) {
      const newRoot = naive.mth(0, n);
      for (let m = 1; m <= n; m += 1) {
        const at = `${m} -> ${n}`;
        const oldRoot = naive.mth(0, m);
        const before = reader.batches;
        const proof = await consistencyProof(reader, m, n);
        check(reader.batches - before <= 1, `${at}: more than one read`);
        check(
          hexes(proof).join() === (m === n ? '' : hexes(naive.proof(m, n)).join()),
          `${at}: differs from PROOF`,
        );
        check(verifyConsistency(m, n, proof, oldRoot, newRoot), `${at}: does not verify`);
        if (m < n) {
          check(
            !verifyConsistency(m, n, proof, naive.mth(0, m - 1), newRoot),
            `${at}: wrong old root verifies`,
          );
          check(
            !verifyConsistency(m, n, proof, oldRoot, naive.mth(1, n)),
            `${at}: wrong new root verifies`,
          );
          check(
            !verifyConsistency(m, n, proof.slice(0, -1), oldRoot, newRoot),
            `${at}: short proof verifies`,
          );
          check(
            !verifyConsistency(m, n, [...proof, newRoot], oldRoot, newRoot),
            `${at}: long proof verifies`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('needs O(log n) node reads per proof', () => {
    const size = 1_000_003;
    for (const index of [0, 1, 500_000, size - 2, size - 1]) {
      expect(inclusionPlan(index, size).coords.length).toBeLessThanOrEqual(2 * 21);
    }
    expect(consistencyPlan(999_999, size).coords.length).toBeLessThanOrEqual(3 * 21);
  });

  it('names what is wrong', () => {
    const root = naive.mth(0, 5);
    expect(() => checkInclusion(naive.mth(0, 1), 0, 5, [], root)).toThrow('shorter');
    expect(() => checkInclusion(naive.mth(0, 1), 5, 5, [], root)).toThrow(
      'not in a tree of size 5',
    );
    expect(() => checkConsistency(6, 5, [], root, root)).toThrow('between 0');
    expect(() => checkConsistency(5, 5, [], root, naive.mth(0, 4))).toThrow('different roots');
    expect(() => checkConsistency(3, 5, [], naive.mth(0, 3), root)).toThrow('empty');
    expect(() => inclusionPlan(5, 5)).toThrow(RangeError);
    expect(() => consistencyPlan(6, 5)).toThrow(RangeError);
  });
});
