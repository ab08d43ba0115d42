import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit outbox: captured events waiting to be sealed into the hash chain. */
export class AuditOutbox1763921000000 implements MigrationInterface {
  name = 'AuditOutbox1763921000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_outbox" (
        "id" BIGSERIAL NOT NULL,
        "event_id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "action" text NOT NULL,
        "actor_type" text NOT NULL,
        "actor_id" text,
        "actor_display" text NOT NULL,
        "target_type" text NOT NULL,
        "target_id" text,
        "changes" jsonb,
        "outcome" text NOT NULL,
        "ip" text,
        "user_agent" text,
        "request_id" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_outbox" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_outbox"');
  }
}
