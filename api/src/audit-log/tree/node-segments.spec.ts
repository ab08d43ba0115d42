import { appendLeaves, Frontier } from '../merkle';
import { segmentsOf } from './node-segments';

const leaf = (i: number) => Buffer.alloc(32, i % 251);

describe('segmentsOf', () => {
  it('puts the nodes one append creates into one segment per level, in index order', () => {
    let frontier: Frontier = { size: 0, hashes: [] };
    frontier = appendLeaves(frontier, [0, 1, 2].map(leaf)).frontier;
    const { created } = appendLeaves(
      frontier,
      Array.from({ length: 13 }, (_, i) => leaf(3 + i)),
    );
    const segments = segmentsOf(created);
    // Leaves 3..15 complete level-1 nodes 1..7, level-2 nodes 0..3 (node 0 = leaves 0..3, completed by leaf 3), level-3 nodes 0..1, level-4 node 0.
    expect(segments.map((s) => [s.level, s.start, s.hashes.length])).toEqual([
      [0, 3, 13],
      [1, 1, 7],
      [2, 0, 4],
      [3, 0, 2],
      [4, 0, 1],
    ]);
    const byCoord = new Map(created.map((n) => [`${n.level}/${n.index}`, n.hash]));
    for (const segment of segments) {
      segment.hashes.forEach((hash, i) => {
        expect(hash).toBe(byCoord.get(`${segment.level}/${segment.start + i}`));
      });
    }
  });

  it('starts a new segment where indexes are not consecutive', () => {
    const hash = Buffer.alloc(32);
    const segments = segmentsOf([
      { level: 0, index: 5, hash },
      { level: 0, index: 3, hash },
      { level: 0, index: 4, hash },
      { level: 0, index: 9, hash },
      { level: 2, index: 1, hash },
    ]);
    expect(segments.map((s) => [s.level, s.start, s.hashes.length])).toEqual([
      [0, 3, 3],
      [0, 9, 1],
      [2, 1, 1],
    ]);
  });

  it('returns nothing for nothing', () => {
    expect(segmentsOf([])).toEqual([]);
  });
});
