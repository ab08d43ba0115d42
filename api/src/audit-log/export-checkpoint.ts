import type { DataSource } from 'typeorm';
import { inclusionProof } from './merkle/tree-math';
import { merkleStore } from './tree/merkle-store';

/** An inclusion proof of one exported event (leaf index = seq - 1). */
export interface ExportInclusionProof {
  seq: string;
  leafIndex: number;
  /** Base64 hashes, RFC 9162 order. */
  proof: string[];
}

/** The newest signed checkpoint covering an export, with its first and last events' proofs. */
export interface ExportTreeCheckpoint {
  /** The C2SP signed note text, as published. */
  note: string;
  treeSize: number;
  first: ExportInclusionProof;
  last: ExportInclusionProof;
}

/**
 * For a manifest: the newest checkpoint whose tree holds the export's last event, and the
 * inclusion proofs of its first and last events read from the stored tree. Undefined when
 * the export is empty or no checkpoint covers it yet (they follow within seconds of sealing).
 */
export async function exportTreeCheckpoint(
  dataSource: DataSource,
  firstSeq: string | null,
  lastSeq: string | null,
): Promise<ExportTreeCheckpoint | undefined> {
  if (firstSeq === null || lastSeq === null) return undefined;
  const rows: { treeSize: string; note: string }[] = await dataSource.query(
    `SELECT tree_size::text AS "treeSize", note FROM audit_tree_checkpoints
      WHERE tree_size >= $1 ORDER BY tree_size DESC LIMIT 1`,
    [lastSeq],
  );
  if (rows.length === 0) return undefined;
  const treeSize = Number(rows[0].treeSize);
  const reader = merkleStore.reader(dataSource);
  const proofOf = async (seq: string): Promise<ExportInclusionProof> => {
    const leafIndex = Number(seq) - 1;
    const proof = await inclusionProof(reader, leafIndex, treeSize);
    return { seq, leafIndex, proof: proof.map((hash) => hash.toString('base64')) };
  };
  return {
    note: rows[0].note,
    treeSize,
    first: await proofOf(firstSeq),
    last: await proofOf(lastSeq),
  };
}
