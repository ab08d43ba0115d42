import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only-table';

/**
 * The RFC 9162 Merkle tree over the sealed audit events (docs/audit-log.md):
 * - `audit_merkle_nodes`: every complete subtree's hash, level 0 = leaf hashes, leaf index =
 *   seq - 1. A proof reads O(log n) of them by primary key in one statement.
 * - `audit_tree_checkpoints`: the signed C2SP checkpoint notes (tree size, root, note text).
 *   The chain checkpoints in `audit_checkpoints` stay as they are.
 * Both append-only with the same ENABLE ALWAYS triggers as the chain tables.
 */
export class AuditMerkleTree1796000000000 implements MigrationInterface {
  name = 'AuditMerkleTree1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_merkle_nodes" (
        "level" smallint NOT NULL,
        "idx" bigint NOT NULL,
        "hash" bytea NOT NULL,
        CONSTRAINT "pk_audit_merkle_nodes" PRIMARY KEY ("level", "idx")
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit_tree_checkpoints" (
        "tree_size" bigint NOT NULL,
        "root" bytea NOT NULL,
        "note" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_audit_tree_checkpoints" PRIMARY KEY ("tree_size")
      )`);
    for (const table of ['audit_merkle_nodes', 'audit_tree_checkpoints'])
      await makeAppendOnly(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_tree_checkpoints"');
    await queryRunner.query('DROP TABLE "audit_merkle_nodes"');
  }
}
