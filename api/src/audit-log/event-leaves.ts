import { DataSource } from 'typeorm';
import { HASH_SIZE, leafHash, nodeHash } from './merkle/tree-hash';
import type { NodeCoord, NodeReader } from './merkle/tree-math';
import { canonicalOfRow, CHAIN_EVENT_SELECT, Col, EventRow } from './event-row';
import { openEventRowStream } from './event-row-stream';
import { canonicalOfChainEvent, type ChainEvent } from './chain/chain-walker';

/**
 * The leaf hashes of the first `size` events, recomputed from the events themselves (leaf i is
 * seq i + 1), packed in one buffer. What proofs from the events, not from stored nodes, start
 * from: `--event` and `--since` of `npm run audit:verify` trust nothing but the events and the
 * signed checkpoints. Throws when the log has fewer events or a gap.
 */
export async function readLeafHashes(
  dataSource: DataSource,
  size: number,
  onProgress?: (done: number) => void,
): Promise<Buffer> {
  const leaves = Buffer.alloc(size * HASH_SIZE);
  if (size === 0) return leaves;
  const stream = await openEventRowStream(dataSource, ['seq <= $1'], [String(size)]);
  let count = 0;
  try {
    for await (const row of stream.rows as AsyncIterable<EventRow>) {
      if (Number(row[Col.Seq]) !== count + 1) {
        throw new Error(`the log has no seq ${count + 1}: it is not a tree from seq 1`);
      }
      leafHash(canonicalOfRow(row)).copy(leaves, count * HASH_SIZE);
      count += 1;
      if (onProgress && count % 100_000 === 0) onProgress(count);
    }
  } finally {
    stream.release();
  }
  if (count !== size) throw new Error(`the log has ${count} events, not ${size}`);
  return leaves;
}

/** Serves complete-subtree hashes by hashing the packed leaves under them. */
export class LeafNodeReader implements NodeReader {
  constructor(private readonly leaves: Buffer) {}

  get size(): number {
    return this.leaves.length / HASH_SIZE;
  }

  leaf(index: number): Buffer {
    return this.leaves.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  readNodes(coords: readonly NodeCoord[]): Promise<Buffer[]> {
    return Promise.resolve(coords.map((coord) => this.subtree(coord.level, coord.index)));
  }

  private subtree(level: number, index: number): Buffer {
    if (level === 0) return this.leaf(index);
    return nodeHash(this.subtree(level - 1, index * 2), this.subtree(level - 1, index * 2 + 1));
  }
}

/** One event by id, with its seq and its canonical JSON (the leaf data). */
export async function findEventForProof(
  dataSource: DataSource,
  id: string,
): Promise<{ event: ChainEvent; canonical: string } | undefined> {
  const rows: ChainEvent[] = await dataSource.query(
    `SELECT ${CHAIN_EVENT_SELECT} FROM audit_events WHERE id::text = $1`,
    [id],
  );
  const event = rows[0];
  if (!event) return undefined;
  const canonical = canonicalOfChainEvent(event);
  return { event, canonical };
}
