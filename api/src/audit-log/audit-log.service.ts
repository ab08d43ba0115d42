import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { activeTraceparent } from '../common/telemetry/job-trace';
import { activeTraceId } from '../common/telemetry/trace-fields';
import { AuditEventInput } from './audit-event.input';
import { AuditSealSignal } from './audit-seal-signal';
import { redactChanges } from './redact';

/**
 * The one way to capture an audit event. Call it with the EntityManager of the transaction
 * that makes the change: the outbox row commits or rolls back with it. Sealing (seq, hash)
 * happens later, in a worker.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly signal: AuditSealSignal) {}

  async record(manager: EntityManager, event: AuditEventInput): Promise<void> {
    const changes = event.changes === undefined ? null : redactChanges(event.changes);
    // Plain SQL, not `manager.insert`: TypeORM's InsertQueryBuilder (metadata, escaping,
    // RETURNING of the generated columns) was 8 % of a task create's CPU (docs/benchmarks.md).
    // Columns left out take the table's defaults, as they did through the entity.
    await manager.query(
      `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type, target_id,
         changes, outcome, ip, user_agent, request_id, occurred_at, trace_id, traceparent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, COALESCE($12, clock_timestamp()),
         $13, $14)`,
      [
        event.action,
        event.actor.type,
        event.actor.id,
        event.actor.display,
        event.target.type,
        event.target.id,
        changes === null ? null : JSON.stringify(changes),
        event.outcome,
        event.context.ip,
        event.context.userAgent,
        event.context.requestId,
        event.occurredAt ?? null,
        // Sealed with the event (hashed); the traceparent only links the sealer's span to it.
        activeTraceId(),
        activeTraceparent(),
      ],
    );
    this.signal.recorded(manager.queryRunner);
  }
}
