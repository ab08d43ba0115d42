import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AuditStreamEntity } from './audit-stream.entity';

/**
 * Where a stream stands: the last seq the receiver acknowledged (or the file sink fsynced) and
 * the chain hash there, plus retry state. Only the worker delivering a batch writes it, under a
 * row lock held for the whole attempt (one batch in flight per stream).
 */
@Entity({ name: 'audit_stream_cursors' })
export class AuditStreamCursorEntity {
  @PrimaryColumn({
    name: 'stream_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_audit_stream_cursors',
  })
  streamId!: string;

  @ManyToOne(() => AuditStreamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stream_id', foreignKeyConstraintName: 'fk_audit_stream_cursors_stream' })
  stream?: AuditStreamEntity;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'last_hash', type: 'text', nullable: true })
  lastHash!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_delivered_at', type: 'timestamptz', nullable: true })
  lastDeliveredAt!: Date | null;
}
