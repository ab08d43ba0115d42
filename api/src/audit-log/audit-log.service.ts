import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEventInput } from './audit-event.input';
import { AuditSealSignal } from './audit-seal-signal';
import { outboxInsert } from './outbox-insert';

/**
 * The way to capture an audit event. Call `record` with the EntityManager of the transaction
 * that makes the change: the outbox row commits or rolls back with it. Or put `outboxInsert` in
 * the statement that makes the change (one statement is atomic on its own), then call
 * `written`. Sealing (seq, hash) happens later, in a worker.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly signal: AuditSealSignal) {}

  async record(manager: EntityManager, event: AuditEventInput): Promise<void> {
    const values: unknown[] = [];
    await manager.query(outboxInsert(event, values), values);
    this.signal.recorded(manager.queryRunner);
  }

  /**
   * For a caller whose own statement carried the event's `outboxInsert` (one statement writing
   * the change and its event): call it once that statement has run, with the transaction's
   * EntityManager if it ran in one. Sealing is then asked for after the commit, as `record` does.
   */
  written(manager?: EntityManager): void {
    this.signal.recorded(manager?.queryRunner);
  }
}
