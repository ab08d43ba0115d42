import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only-table';

/**
 * Witness cosignatures of the audit log's checkpoints (docs/audit-log.md, "Witness"). One row
 * per (tree size, witness key); append-only like the rest of the audit log: the same
 * `audit_reject_change` triggers, `ENABLE ALWAYS`, reject UPDATE, DELETE and TRUNCATE.
 */
export class AuditCheckpointCosignatures1796100000000 implements MigrationInterface {
  name = 'AuditCheckpointCosignatures1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoint_cosignatures" (
        "tree_size" bigint NOT NULL,
        "witness_key_id" text NOT NULL,
        "root_hash" text NOT NULL,
        "witness_name" text NOT NULL,
        "signature_line" text NOT NULL,
        "cosigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_checkpoint_cosignatures" PRIMARY KEY ("tree_size", "witness_key_id")
      )`);
    await makeAppendOnly(queryRunner, 'audit_checkpoint_cosignatures');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_checkpoint_cosignatures"');
  }
}
