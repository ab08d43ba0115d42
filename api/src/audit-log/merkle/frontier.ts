import { nodeHash } from './tree-hash';
import { foldSpan, NodeCoord, spanCoords, TreeNode } from './tree-math';

/**
 * The right edge of a tree: the hashes of the complete subtrees that make up its `size`
 * leaves (frontierCoords order, largest first). Enough to append leaves and compute the root.
 */
export interface Frontier {
  size: number;
  hashes: Buffer[];
}

/** Complete subtrees covering a tree of `size` leaves, left to right. */
export function frontierCoords(size: number): NodeCoord[] {
  return spanCoords(0, size);
}

/** Root of the tree the frontier describes. */
export function frontierRoot(frontier: Frontier): Buffer {
  return foldSpan(frontier.hashes);
}

/**
 * Appends leaf hashes: returns the new frontier and every complete subtree the leaves
 * completed (level 0 = the leaves themselves), which is what storage must insert.
 */
export function appendLeaves(
  frontier: Frontier,
  leafHashes: readonly Buffer[],
): { frontier: Frontier; created: TreeNode[] } {
  const stack: TreeNode[] = frontierCoords(frontier.size).map((coord, i) => ({
    ...coord,
    hash: frontier.hashes[i],
  }));
  if (stack.length !== frontier.hashes.length) {
    throw new Error(
      `a tree of size ${frontier.size} has ${stack.length} frontier nodes, got ${frontier.hashes.length}`,
    );
  }
  const created: TreeNode[] = [];
  let size = frontier.size;
  for (const hash of leafHashes) {
    let node: TreeNode = { level: 0, index: size, hash };
    created.push(node);
    size += 1;
    // Like a binary counter's carry: two equal-level subtrees at the edge merge into their parent.
    while (stack.length > 0 && stack[stack.length - 1].level === node.level) {
      const left = stack.pop() as TreeNode;
      node = {
        level: node.level + 1,
        index: Math.floor(node.index / 2),
        hash: nodeHash(left.hash, node.hash),
      };
      created.push(node);
    }
    stack.push(node);
  }
  return { frontier: { size, hashes: stack.map((node) => node.hash) }, created };
}
