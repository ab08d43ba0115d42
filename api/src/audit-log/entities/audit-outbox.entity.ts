import { Column, CreateDateColumn, Entity, Generated, PrimaryGeneratedColumn } from 'typeorm';
import { AuditEventColumns } from './audit-event-columns';

/**
 * One captured, not yet sealed audit event. Written by `AuditLogService.record` inside the
 * caller's transaction, so it exists exactly when the change committed; the sealer moves it
 * into `audit_events` (with seq and hash) and deletes it here.
 */
@Entity({ name: 'audit_outbox' })
export class AuditOutboxEntity extends AuditEventColumns {
  /** Insert order, not commit order: the sealer orders by it within what has committed. */
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_audit_outbox',
  })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @Generated('uuid')
  eventId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  action!: string;

  /** W3C traceparent of the recording request, for the sealer's span links; not sealed. */
  @Column({ type: 'text', nullable: true })
  traceparent!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
