import { MigrationInterface, QueryRunner } from 'typeorm';

/** Due dates sort with "no due date" as infinitely far away, so keyset pagination has no NULLs. */
const DUE_KEY = `COALESCE("due_at", 'infinity'::timestamptz)`;
const LIVE = 'WHERE "deleted_at" IS NULL';

/**
 * Tasks. Every list index is partial over live (not soft-deleted) rows and ends in "id", so
 * each sort order is a total order that keyset pagination can seek into. Employees see rows
 * they own or are assigned: one index per branch and sort key lets the list query read two
 * short index ranges (UNION ALL) instead of filtering the whole table.
 *
 * The title's `varchar(200)` is `TASK_LIMITS.titleMax` (api/src/tasks/task.constants.ts) as it
 * was when this ran; a migration is history, so a new limit takes a new migration.
 */
export class Tasks1763923000000 implements MigrationInterface {
  name = 'Tasks1763923000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "task_status" AS ENUM ('todo', 'in_progress', 'blocked', 'done')`,
    );
    await queryRunner.query(
      `CREATE TYPE "task_priority" AS ENUM ('low', 'medium', 'high', 'urgent')`,
    );
    await queryRunner.query(`
      CREATE TABLE "tasks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" character varying(200) NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "status" "task_status" NOT NULL DEFAULT 'todo',
        "priority" "task_priority" NOT NULL DEFAULT 'medium',
        "due_at" TIMESTAMP WITH TIME ZONE,
        "assignee_id" uuid,
        "labels" text array NOT NULL DEFAULT '{}',
        "owner_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL DEFAULT 1,
        "search" tsvector,
        CONSTRAINT "tasks_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "tasks_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "tasks_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
      )`);
    const sortKeys = { created: '"created_at"', due: DUE_KEY, priority: '"priority"' };
    for (const [name, key] of Object.entries(sortKeys)) {
      await queryRunner.query(
        `CREATE INDEX "tasks_live_${name}_idx" ON "tasks" (${key}, "id") ${LIVE}`,
      );
      await queryRunner.query(
        `CREATE INDEX "tasks_owner_${name}_idx" ON "tasks" ("owner_id", ${key}, "id") ${LIVE}`,
      );
      await queryRunner.query(
        `CREATE INDEX "tasks_assignee_${name}_idx" ON "tasks" ("assignee_id", ${key}, "id") ${LIVE}`,
      );
    }
    // Full text: a stored tsvector kept by a trigger (not a GENERATED column, which TypeORM's
    // schema diff cannot describe), so matching a row never re-parses its text.
    await queryRunner.query(`
      CREATE FUNCTION "tasks_search_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW."search" := to_tsvector('simple', NEW."title" || ' ' || NEW."description");
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tasks_search_refresh" BEFORE INSERT OR UPDATE OF "title", "description" ON "tasks"
       FOR EACH ROW EXECUTE FUNCTION "tasks_search_refresh"()`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_search_idx" ON "tasks" USING gin ("search") ${LIVE}`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_labels_idx" ON "tasks" USING gin ("labels") ${LIVE}`,
    );
    // Stats: completions per day over the last 30 days.
    await queryRunner.query(
      `CREATE INDEX "tasks_completed_idx" ON "tasks" ("completed_at") WHERE "deleted_at" IS NULL AND "completed_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "tasks"');
    await queryRunner.query('DROP FUNCTION "tasks_search_refresh"()');
    await queryRunner.query('DROP TYPE "task_priority"');
    await queryRunner.query('DROP TYPE "task_status"');
  }
}
