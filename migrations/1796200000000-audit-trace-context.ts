import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trace context of audit events (docs/operations.md, "Tracing"). `trace_id` on the outbox and
 * the sealed events: part of the hashed event when set (docs/audit-log.md), null for older
 * events, which therefore hash as before. `traceparent` on the outbox only: the sealer links
 * its span to every request whose events a batch seals; it is not sealed.
 */
export class AuditTraceContext1796200000000 implements MigrationInterface {
  name = 'AuditTraceContext1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "audit_outbox" ADD "trace_id" text, ADD "traceparent" text',
    );
    // Metadata only (a nullable column without default): no row is rewritten, no trigger fires.
    await queryRunner.query('ALTER TABLE "audit_events" ADD "trace_id" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_events" DROP COLUMN "trace_id"');
    await queryRunner.query(
      'ALTER TABLE "audit_outbox" DROP COLUMN "trace_id", DROP COLUMN "traceparent"',
    );
  }
}
