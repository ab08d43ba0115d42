import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The hash of one complete subtree of the audit Merkle tree: the 2^level leaves from
 * idx × 2^level. Level 0 rows are the leaf hashes (leaf index = seq - 1). Append-only.
 */
@Entity({ name: 'audit_merkle_nodes' })
export class AuditMerkleNodeEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_audit_merkle_nodes' })
  level!: number;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_merkle_nodes' })
  idx!: string;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}
