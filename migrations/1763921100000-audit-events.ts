import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only-table';

/**
 * The sealed audit chain and its signed checkpoints, both append-only: BEFORE triggers reject
 * UPDATE, DELETE and TRUNCATE. They are `ENABLE ALWAYS`, so `session_replication_role =
 * replica` does not skip them either; only the table owner or a superuser can disable them
 * (see docs/audit-log.md for the production role setup).
 */
export class AuditEvents1763921100000 implements MigrationInterface {
  name = 'AuditEvents1763921100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "seq" bigint NOT NULL,
        "id" uuid NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "action" text COLLATE "C" NOT NULL,
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
        "prev_hash" text NOT NULL,
        "hash" text NOT NULL,
        "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_events" PRIMARY KEY ("seq")
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX "audit_events_id_key" ON "audit_events" ("id") ');
    await queryRunner.query(
      'CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" ("occurred_at", "seq") ',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_events_actor_id_idx" ON "audit_events" ("actor_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_events_target_idx" ON "audit_events" ("target_type", "target_id", "seq") ',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_events_action_idx" ON "audit_events" ("action", "seq") ',
    );
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoints" (
        "seq" bigint NOT NULL,
        "hash" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "key_id" text NOT NULL,
        "signature" text NOT NULL,
        "reason" text NOT NULL,
        CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("seq")
      )`);
    await queryRunner.query(`
      CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['audit_events', 'audit_checkpoints'])
      await makeAppendOnly(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_checkpoints"');
    await queryRunner.query('DROP TABLE "audit_events"');
    await queryRunner.query('DROP FUNCTION audit_reject_change()');
  }
}
