import { EMPTY_ROOT, nodeHash } from './tree-hash';

/**
 * A complete subtree: the 2^level leaves starting at leaf index × 2^level. Level 0 holds the
 * leaf hashes. Storage keeps exactly these, so any proof is read from them.
 */
export interface NodeCoord {
  level: number;
  index: number;
}

/** A stored node with its hash. */
export interface TreeNode extends NodeCoord {
  hash: Buffer;
}

/** Serves hashes of complete subtrees; one call per proof, results in the order asked. */
export interface NodeReader {
  readNodes(coords: readonly NodeCoord[]): Promise<Buffer[]>;
}

/** Largest tree size the number arithmetic here handles exactly. */
export const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

/** x >> bits without the 32-bit limit of the JS shift operators. */
export function shiftRight(x: number, bits: number): number {
  return Math.floor(x / 2 ** bits);
}

/**
 * The complete subtrees that make up the leaf range [begin, end), left to right, largest
 * first. For a range that starts on a boundary of its own size (every node of an RFC 9162
 * tree, ragged right edge included) folding their hashes right to left gives MTH(range).
 */
export function spanCoords(begin: number, end: number): NodeCoord[] {
  const coords: NodeCoord[] = [];
  let at = begin;
  while (at < end) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level += 1;
    coords.push({ level, index: shiftRight(at, level) });
    at += 2 ** level;
  }
  return coords;
}

/** MTH of a range from its complete subtrees (spanCoords order): fold right to left. */
export function foldSpan(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let hash = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i -= 1) hash = nodeHash(hashes[i], hash);
  return hash;
}

/** A leaf range [begin, end) whose MTH is one proof element. */
export interface Span {
  begin: number;
  end: number;
}

/**
 * What a proof needs: its elements (spans, in proof order) and the complete subtrees to read
 * for them, so storage answers one batch and the proof is assembled without more reads.
 */
export interface ProofPlan {
  spans: Span[];
  coords: NodeCoord[];
}

function planOf(spans: Span[]): ProofPlan {
  return { spans, coords: spans.flatMap((span) => spanCoords(span.begin, span.end)) };
}

function checkSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`${what} must be a safe non-negative integer`);
}

/**
 * Siblings on the path from the complete subtree (level, index) up to the root of a tree of
 * `size` leaves, bottom up. A node with no right sibling is carried up unchanged (the RFC 9162
 * tree hashes a lone left child as itself), so that level adds nothing.
 */
function pathSpans(level: number, index: number, size: number): Span[] {
  const spans: Span[] = [];
  let idx = index;
  for (let height = level; 2 ** height < size; height += 1) {
    const width = 2 ** height;
    const sibling = idx % 2 === 0 ? idx + 1 : idx - 1;
    const begin = sibling * width;
    if (begin < size) spans.push({ begin, end: Math.min(begin + width, size) });
    idx = Math.floor(idx / 2);
  }
  return spans;
}

/** RFC 9162 §2.1.3.1 PATH(index, D[size]). */
export function inclusionPlan(index: number, size: number): ProofPlan {
  checkSize(size, 'tree size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  return planOf(pathSpans(0, index, size));
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]). The last complete subtree of the old tree, [m - 2^k, m)
 * with 2^k the lowest set bit of m, is where the trees part; the proof is that subtree (left
 * out when it is the whole old tree, which the verifier already has) and its path in the new
 * tree. Empty for m = 0 or m = n.
 */
export function consistencyPlan(m: number, n: number): ProofPlan {
  checkSize(m, 'old tree size');
  checkSize(n, 'new tree size');
  if (m > n) throw new RangeError(`old tree size ${m} is larger than new tree size ${n}`);
  if (m === 0 || m === n) return { spans: [], coords: [] };
  let level = 0;
  while (m % 2 ** (level + 1) === 0) level += 1;
  const index = shiftRight(m, level) - 1;
  const spans: Span[] = [];
  if (index !== 0) spans.push({ begin: index * 2 ** level, end: (index + 1) * 2 ** level });
  spans.push(...pathSpans(level, index, n));
  return planOf(spans);
}

/** The root of a tree of `size` leaves as one span. */
export function rootPlan(size: number): ProofPlan {
  checkSize(size, 'tree size');
  return planOf(size === 0 ? [] : [{ begin: 0, end: size }]);
}

/** Assembles a plan's elements from the hashes of its coords (same order). */
export function assemble(plan: ProofPlan, hashes: readonly Buffer[]): Buffer[] {
  if (hashes.length !== plan.coords.length) {
    throw new Error(`plan needs ${plan.coords.length} node hashes, got ${hashes.length}`);
  }
  let at = 0;
  return plan.spans.map((span) => {
    const count = spanCoords(span.begin, span.end).length;
    const element = foldSpan(hashes.slice(at, at + count));
    at += count;
    return element;
  });
}

/** Reads several plans in ONE batch and assembles each. */
export async function readPlans(
  reader: NodeReader,
  plans: readonly ProofPlan[],
): Promise<Buffer[][]> {
  const coords = plans.flatMap((plan) => plan.coords);
  const hashes = coords.length === 0 ? [] : await reader.readNodes(coords);
  if (hashes.length !== coords.length) {
    throw new Error(`node reader returned ${hashes.length} hashes for ${coords.length} nodes`);
  }
  let at = 0;
  return plans.map((plan) => {
    const part = hashes.slice(at, at + plan.coords.length);
    at += plan.coords.length;
    return assemble(plan, part);
  });
}

export async function inclusionProof(
  reader: NodeReader,
  index: number,
  size: number,
): Promise<Buffer[]> {
  const [proof] = await readPlans(reader, [inclusionPlan(index, size)]);
  return proof;
}

export async function consistencyProof(
  reader: NodeReader,
  m: number,
  n: number,
): Promise<Buffer[]> {
  const [proof] = await readPlans(reader, [consistencyPlan(m, n)]);
  return proof;
}

/** Root of the tree of the first `size` leaves. */
export async function rootAt(reader: NodeReader, size: number): Promise<Buffer> {
  const [elements] = await readPlans(reader, [rootPlan(size)]);
  return elements[0] ?? EMPTY_ROOT;
}

/** MTH over leaf hashes held in memory (tests, small trees, export files). */
export function rootOfLeaves(leafHashes: readonly Buffer[]): Buffer {
  let level: Buffer[] = [...leafHashes];
  if (level.length === 0) return EMPTY_ROOT;
  // Pairwise up; an odd node at the right edge is carried up unchanged.
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}
