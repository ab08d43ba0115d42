import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed statement "the chain up to `seq` ends in `hash`". Written by the sealer every N
 * events or minutes (and by retention before a purge); append-only like `audit_events`.
 */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_checkpoints' })
  seq!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  /** Ed25519 signature (base64) over the canonical JSON of {createdAt, hash, keyId, seq}. */
  @Column({ type: 'text' })
  signature!: string;

  /** Why it was written: `interval` (every N events / minutes) or `retention` (before purge). */
  @Column({ type: 'text' })
  reason!: string;
}
