import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuditEventColumns } from './audit-event-columns';

/**
 * A sealed audit event: gap-free `seq`, hash-chained. Append-only: a trigger (migration
 * 1763921100000) rejects UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_occurred_at_idx', ['occurredAt', 'seq'])
@Index('audit_events_actor_id_idx', ['actorId', 'seq'])
@Index('audit_events_target_idx', ['targetType', 'targetId', 'seq'])
@Index('audit_events_action_idx', ['action', 'seq'])
export class AuditEventEntity extends AuditEventColumns {
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

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'now()' })
  sealedAt!: Date;
}
