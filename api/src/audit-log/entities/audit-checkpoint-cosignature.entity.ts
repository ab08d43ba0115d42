import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A witness's cosignature (c2sp.org/tlog-cosignature v1) of the checkpoint at `treeSize`.
 * Append-only: written once when the witness answers, never changed.
 */
@Entity({ name: 'audit_checkpoint_cosignatures' })
export class AuditCheckpointCosignatureEntity {
  @PrimaryColumn({
    name: 'tree_size',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_audit_checkpoint_cosignatures',
  })
  treeSize!: string;

  /** The witness's 4-byte key ID (hex) for signature type 0x04. */
  @PrimaryColumn({
    name: 'witness_key_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_audit_checkpoint_cosignatures',
  })
  witnessKeyId!: string;

  /** Base64 root hash of the co-signed checkpoint. */
  @Column({ name: 'root_hash', type: 'text' })
  rootHash!: string;

  @Column({ name: 'witness_name', type: 'text' })
  witnessName!: string;

  /** The signature line exactly as the witness sent it (`— <name> <base64>`). */
  @Column({ name: 'signature_line', type: 'text' })
  signatureLine!: string;

  /** The time inside the cosignature (the witness's clock). */
  @Column({ name: 'cosigned_at', type: 'timestamptz' })
  cosignedAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
