import type { DataSource } from 'typeorm';
import { readEventLeaves } from './event-leaves';
import { merkleStore } from './merkle-store';
import { AUDIT_SEAL_LOCK } from './seal-lock';

export interface BackfillProgress {
  treeSize: number;
  chainSize: number;
}

/**
 * Builds the Merkle tree over already sealed events, `chunk` leaves per transaction under the
 * seal lock (sealing waits a chunk at most). Idempotent and resumable: it always continues from
 * the stored tree's size. Stops with an error at a missing seq (events purged before the tree
 * existed cannot become leaves).
 */
export async function backfillTree(
  dataSource: DataSource,
  onProgress: (progress: BackfillProgress) => void = () => undefined,
  chunk = 20_000,
): Promise<BackfillProgress> {
  for (;;) {
    const progress = await dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
      const [{ max }]: { max: string | null }[] = await manager.query(
        'SELECT max(seq) AS max FROM audit_events',
      );
      const chainSize = Number(max ?? 0);
      const treeSize = await merkleStore.treeSize(manager);
      if (treeSize >= chainSize) return { treeSize, chainSize, done: true };
      const leaves = await readEventLeaves(manager, treeSize, chunk);
      if (leaves.length === 0) {
        throw new Error(
          `seq ${treeSize + 1} is not in audit_events (purged before the tree existed?): the tree cannot be built past ${treeSize}`,
        );
      }
      const frontier = await merkleStore.readFrontier(manager, treeSize);
      const next = await merkleStore.append(manager, frontier, leaves);
      return { treeSize: next.size, chainSize, done: next.size >= chainSize };
    });
    onProgress({ treeSize: progress.treeSize, chainSize: progress.chainSize });
    if (progress.done) return { treeSize: progress.treeSize, chainSize: progress.chainSize };
  }
}
