import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored responses become `json` instead of `jsonb`: `json` keeps the text exactly as written
 * (key order included), so a replay is byte-identical to the first response; `jsonb`
 * reordered the keys.
 */
export class IdempotencyVerbatimResponses1795985672592 implements MigrationInterface {
  name = 'IdempotencyVerbatimResponses1795985672592';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "idempotency_keys"
        ALTER COLUMN "response_headers" TYPE json USING "response_headers"::json,
        ALTER COLUMN "response_body" TYPE json USING "response_body"::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "idempotency_keys"
        ALTER COLUMN "response_headers" TYPE jsonb USING "response_headers"::jsonb,
        ALTER COLUMN "response_body" TYPE jsonb USING "response_body"::jsonb`);
  }
}
