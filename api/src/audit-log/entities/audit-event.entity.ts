import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditChanges } from '../audit-event.input';

/**
 * A sealed audit event: gap-free `seq`, hash-chained. Append-only: a trigger (migration
 * 1763921100000) rejects UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_occurred_at_idx', ['occurredAt', 'seq'])
@Index('audit_events_actor_id_idx', ['actorId', 'seq'])
@Index('audit_events_target_idx', ['targetType', 'targetId', 'seq'])
@Index('audit_events_action_idx', ['action', 'seq'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_events' })
  seq!: string;

  @Index('audit_events_id_key', { unique: true })
  @Column({ type: 'uuid' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** Collation "C" so that prefix filters (`LIKE 'task.%'`) can use the btree index. */
  @Column({ type: 'text', collation: 'C' })
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

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'now()' })
  sealedAt!: Date;
}
