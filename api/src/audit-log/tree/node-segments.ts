import type { TreeNode } from '../merkle';

/** Consecutive complete subtrees of one level, as `audit_merkle_segments` stores them. */
export interface NodeSegment {
  level: number;
  start: number;
  /** The hashes of nodes start, start + 1, … of this level, in order. */
  hashes: Buffer[];
}

/**
 * Groups nodes into segments: one per level for a batch appended to the tree (the nodes one
 * append completes at a level are always consecutive), a new segment wherever an index is not
 * the previous one + 1. Levels ascending, indexes ascending within a level.
 */
export function segmentsOf(nodes: readonly TreeNode[]): NodeSegment[] {
  const byLevel = new Map<number, TreeNode[]>();
  for (const node of nodes) {
    const level = byLevel.get(node.level);
    if (level) level.push(node);
    else byLevel.set(node.level, [node]);
  }
  const segments: NodeSegment[] = [];
  for (const level of [...byLevel.keys()].sort((a, b) => a - b)) {
    const sorted = (byLevel.get(level) as TreeNode[]).sort((a, b) => a.index - b.index);
    let current: NodeSegment | undefined;
    for (const node of sorted) {
      if (current && node.index === current.start + current.hashes.length) {
        current.hashes.push(node.hash);
      } else {
        current = { level, start: node.index, hashes: [node.hash] };
        segments.push(current);
      }
    }
  }
  return segments;
}
