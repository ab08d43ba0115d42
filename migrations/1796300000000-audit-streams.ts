import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit-log streams to a SIEM (issue #19): what auditors configure (`audit_streams`) and the
 * delivery state the worker owns (`audit_stream_cursors`). Two tables so that pausing a stream
 * never waits on the row lock a worker holds while a batch is in flight.
 */
export class AuditStreams1796300000000 implements MigrationInterface {
  name = 'AuditStreams1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_streams" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "format" text NOT NULL,
        "url" text,
        "file_name" text,
        "secret" text,
        "batch_size" integer NOT NULL,
        "paused" boolean NOT NULL DEFAULT false,
        "created_by_id" text,
        "created_by_display" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_streams" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit_stream_cursors" (
        "stream_id" uuid NOT NULL,
        "last_seq" bigint NOT NULL,
        "last_hash" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE,
        "last_error_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "last_delivered_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_audit_stream_cursors" PRIMARY KEY ("stream_id"),
        CONSTRAINT "fk_audit_stream_cursors_stream" FOREIGN KEY ("stream_id")
          REFERENCES "audit_streams"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_stream_cursors"');
    await queryRunner.query('DROP TABLE "audit_streams"');
  }
}
