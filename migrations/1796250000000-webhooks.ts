import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (docs/webhooks.md): subscriptions with their delivery cursor into the sealed audit
 * log (`cursor_seq`), the deliveries fanned out from it (in `position` order per subscription)
 * and one row per delivery attempt. Plain SQL tables (no TypeORM entities): the webhooks
 * repositories query them directly.
 */
export class Webhooks1796250000000 implements MigrationInterface {
  name = 'Webhooks1796250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook_subscriptions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "url" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "event_types" text array NOT NULL,
        "secret" text NOT NULL,
        "previous_secret" text,
        "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
        "cursor_seq" bigint NOT NULL,
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        "disabled_reason" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_subscriptions_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "webhook_subscriptions_owner_idx" ON "webhook_subscriptions" ("owner_id", "created_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "position" bigserial NOT NULL,
        "subscription_id" uuid NOT NULL,
        "event_seq" bigint,
        "event_type" text NOT NULL,
        "body" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "attempt_count" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "replay_of" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed')),
        CONSTRAINT "webhook_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE
      )`);
    // The head of each subscription's queue, and the delivery log newest first.
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" ("subscription_id", "position") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_log_idx" ON "webhook_deliveries" ("subscription_id", "position" DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE "webhook_attempts" (
        "id" bigserial NOT NULL,
        "delivery_id" uuid NOT NULL,
        "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "outcome" text NOT NULL,
        "status_code" integer,
        "latency_ms" double precision NOT NULL,
        "response_body" text NOT NULL DEFAULT '',
        "error" text,
        CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "webhook_attempts_delivery_idx" ON "webhook_attempts" ("delivery_id", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_attempts"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
