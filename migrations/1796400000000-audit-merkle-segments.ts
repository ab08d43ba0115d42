import { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from './append-only-table';

/** Most hashes one converted segment holds (2 MiB of bytea): keeps a row's TOAST bounded. */
const MAX_CONVERTED_RUN = 65_536;

/**
 * The Merkle tree's nodes move from one row per node (`audit_merkle_nodes`, about two rows per
 * sealed event, most of the sealer's extra Postgres cost: docs/benchmarks.md) to one row per
 * level per sealed batch: `audit_merkle_segments` holds the hashes of `count` consecutive
 * complete subtrees of one level from index `start`, concatenated (32 bytes each). A node is
 * still one primary-key probe (the segment with the greatest start at or below its index) and
 * a slice of the bytea; EXTERNAL storage keeps large segments uncompressed so that slice reads
 * only the TOAST chunk it needs. Existing nodes are copied into segments of consecutive indexes
 * (a gap starts a new segment), then the old table is dropped: the tree is derived data and the
 * hashes are carried over unchanged, so every published checkpoint still verifies.
 */
export class AuditMerkleSegments1796400000000 implements MigrationInterface {
  name = 'AuditMerkleSegments1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_merkle_segments" (
        "level" smallint NOT NULL,
        "start" bigint NOT NULL,
        "count" integer NOT NULL,
        "hashes" bytea NOT NULL,
        CONSTRAINT "pk_audit_merkle_segments" PRIMARY KEY ("level", "start"),
        CONSTRAINT "chk_audit_merkle_segments_shape"
          CHECK ("count" > 0 AND octet_length("hashes") = 32 * "count")
      )`);
    await queryRunner.query(
      'ALTER TABLE "audit_merkle_segments" ALTER COLUMN "hashes" SET STORAGE EXTERNAL',
    );
    await queryRunner.query(`
      INSERT INTO "audit_merkle_segments" ("level", "start", "count", "hashes")
      SELECT level, min(idx), count(*)::int, string_agg(hash, ''::bytea ORDER BY idx)
        FROM (SELECT level, idx, hash, run,
                     (row_number() OVER (PARTITION BY level, run ORDER BY idx) - 1) / ${MAX_CONVERTED_RUN} AS part
                FROM (SELECT level, idx, hash,
                             idx - row_number() OVER (PARTITION BY level ORDER BY idx) AS run
                        FROM "audit_merkle_nodes") AS numbered) AS nodes
       GROUP BY level, run, part`);
    await makeAppendOnly(queryRunner, 'audit_merkle_segments');
    await queryRunner.query('DROP TABLE "audit_merkle_nodes"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_merkle_nodes" (
        "level" smallint NOT NULL,
        "idx" bigint NOT NULL,
        "hash" bytea NOT NULL,
        CONSTRAINT "pk_audit_merkle_nodes" PRIMARY KEY ("level", "idx")
      )`);
    await queryRunner.query(`
      INSERT INTO "audit_merkle_nodes" ("level", "idx", "hash")
      SELECT s.level, s.start + i, substring(s.hashes FROM i * 32 + 1 FOR 32)
        FROM "audit_merkle_segments" s, generate_series(0, s.count - 1) AS i`);
    await makeAppendOnly(queryRunner, 'audit_merkle_nodes');
    await queryRunner.query('DROP TABLE "audit_merkle_segments"');
  }
}
