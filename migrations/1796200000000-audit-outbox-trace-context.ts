import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C `traceparent` of the request that recorded an outbox row (docs/operations.md,
 * "Tracing"): the sealer links its span to every request whose events a batch seals. Outbox
 * only: it is not part of the sealed event.
 */
export class AuditOutboxTraceContext1796200000000 implements MigrationInterface {
  name = 'AuditOutboxTraceContext1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_outbox" ADD "traceparent" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_outbox" DROP COLUMN "traceparent"');
  }
}
