import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed C2SP checkpoint of the audit Merkle tree: the note text as published to
 * AUDIT_CHECKPOINT_DIR, with its size and root for queries. Append-only.
 */
@Entity({ name: 'audit_tree_checkpoints' })
export class AuditTreeCheckpointEntity {
  @PrimaryColumn({
    name: 'tree_size',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_audit_tree_checkpoints',
  })
  treeSize!: string;

  @Column({ type: 'bytea' })
  root!: Buffer;

  /** The signed note: `<origin>\n<size>\n<base64 root>\n\n— <origin> <signature>\n`. */
  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
