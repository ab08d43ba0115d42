import { MigrationInterface, QueryRunner } from 'typeorm';

/** Background audit exports: request, progress and signed manifest (files live on disk). */
export class AuditExports1763921200000 implements MigrationInterface {
  name = 'AuditExports1763921200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_exports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "requested_by_id" text,
        "requested_by_display" text NOT NULL,
        "format" text NOT NULL,
        "filters" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'queued',
        "progress" integer NOT NULL DEFAULT 0,
        "manifest" jsonb,
        "manifest_signature" text,
        "file_path" text,
        "error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_audit_exports" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_exports"');
  }
}
