import { Column } from 'typeorm';
import type { AuditChanges } from '../audit-event.input';

/**
 * What an event says, identical from capture (`audit_outbox`) to sealing (`audit_events`),
 * declared once so the two tables cannot drift apart. Abstract and without `@Entity`: TypeORM
 * copies these columns into each entity that extends it and makes no table of its own.
 * `action` and `occurred_at` stay in the entities, where they differ (collation, default).
 */
export abstract class AuditEventColumns {
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

  /** W3C trace id of the recording request; hashed only when set (docs/audit-log.md). */
  @Column({ name: 'trace_id', type: 'text', nullable: true })
  traceId!: string | null;
}
