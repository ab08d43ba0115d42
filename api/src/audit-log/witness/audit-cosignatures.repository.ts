import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredCosignature {
  treeSize: number;
  witnessName: string;
  witnessKeyId: string;
  rootHash: string;
  signatureLine: string;
  cosignedAt: Date;
}

interface Row {
  tree_size: string;
  witness_name: string;
  witness_key_id: string;
  root_hash: string;
  signature_line: string;
  cosigned_at: Date;
}

/** SQL of `audit_checkpoint_cosignatures` (append-only: insert and read, nothing else). */
@Injectable()
export class AuditCosignaturesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The largest tree size this witness key co-signed, with its root; undefined when none. */
  async lastCosigned(
    witnessKeyId: string,
  ): Promise<{ treeSize: number; rootHash: string } | undefined> {
    const rows: { tree_size: string; root_hash: string }[] = await this.dataSource.query(
      `SELECT tree_size, root_hash FROM audit_checkpoint_cosignatures
        WHERE witness_key_id = $1 ORDER BY tree_size DESC LIMIT 1`,
      [witnessKeyId],
    );
    return rows[0] && { treeSize: Number(rows[0].tree_size), rootHash: rows[0].root_hash };
  }

  /** Stores a cosignature; a second one by the same key for the same size is ignored. */
  async insert(cosignature: StoredCosignature): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_checkpoint_cosignatures
         (tree_size, witness_key_id, root_hash, witness_name, signature_line, cosigned_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tree_size, witness_key_id) DO NOTHING`,
      [
        cosignature.treeSize,
        cosignature.witnessKeyId,
        cosignature.rootHash,
        cosignature.witnessName,
        cosignature.signatureLine,
        cosignature.cosignedAt,
      ],
    );
  }

  /** Every cosignature of the given tree sizes, oldest first per size. */
  async forSizes(sizes: readonly number[]): Promise<StoredCosignature[]> {
    if (sizes.length === 0) return [];
    const rows: Row[] = await this.dataSource.query(
      `SELECT tree_size, witness_name, witness_key_id, root_hash, signature_line, cosigned_at
         FROM audit_checkpoint_cosignatures
        WHERE tree_size = ANY($1::bigint[])
        ORDER BY tree_size, received_at, witness_key_id`,
      [sizes.map(String)],
    );
    return rows.map((row) => ({
      treeSize: Number(row.tree_size),
      witnessName: row.witness_name,
      witnessKeyId: row.witness_key_id,
      rootHash: row.root_hash,
      signatureLine: row.signature_line,
      cosignedAt: row.cosigned_at,
    }));
  }
}
