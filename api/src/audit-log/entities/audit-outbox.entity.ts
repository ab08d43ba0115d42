import { Column, CreateDateColumn, Entity, Generated, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditChanges } from '../audit-event.input';

/**
 * One captured, not yet sealed audit event. Written by `AuditLogService.record` inside the
 * caller's transaction, so it exists exactly when the change committed; the sealer moves it
 * into `audit_events` (with seq and hash) and deletes it here.
 */
@Entity({ name: 'audit_outbox' })
export class AuditOutboxEntity {
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

  @Column({ name: 'actor_type', type: 'text' })
  actorType!: 'user' | 'token' | 'system';

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_display', type: 'text' })
  actorDisplay!: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType!: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  changes!: AuditChanges | null;

  @Column({ type: 'text' })
  outcome!: 'success' | 'failure';

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
