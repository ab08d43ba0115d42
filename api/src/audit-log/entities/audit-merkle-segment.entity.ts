import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `count` consecutive complete subtrees of one level of the audit Merkle tree, from index
 * `start`: their hashes concatenated, 32 bytes each (node idx × 2^level covers 2^level leaves;
 * level 0 = leaf hashes, leaf index = seq - 1). The sealer writes one segment per level per
 * batch. Append-only.
 */
@Entity({ name: 'audit_merkle_segments' })
@Check('chk_audit_merkle_segments_shape', '"count" > 0 AND octet_length("hashes") = 32 * "count"')
export class AuditMerkleSegmentEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_audit_merkle_segments' })
  level!: number;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_merkle_segments' })
  start!: string;

  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'bytea' })
  hashes!: Buffer;
}
