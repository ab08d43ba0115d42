import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventInput } from './audit-event.input';
import { AuditSealSignal } from './audit-seal-signal';
import { AuditOutboxEntity } from './entities/audit-outbox.entity';
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
    const row: Partial<AuditOutboxEntity> = {
      action: event.action,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorDisplay: event.actor.display,
      targetType: event.target.type,
      targetId: event.target.id,
      changes: event.changes === undefined ? null : redactChanges(event.changes),
      outcome: event.outcome,
      ip: event.context.ip,
      userAgent: event.context.userAgent,
      requestId: event.context.requestId,
    };
    if (event.occurredAt) row.occurredAt = event.occurredAt;
    // TypeORM's deep-partial type cannot express `unknown` jsonb values; the row is complete.
    await manager.insert(AuditOutboxEntity, row as QueryDeepPartialEntity<AuditOutboxEntity>);
    this.signal.recorded(manager.queryRunner);
  }
}
