import type { QueryRunner } from 'typeorm';

/**
 * Makes an audit table append-only the way every audit table is (docs/audit-log.md): row
 * UPDATE/DELETE and TRUNCATE rejected by `audit_reject_change()` triggers that fire ALWAYS
 * (also under session_replication_role = replica), and the privileges revoked from PUBLIC.
 */
export async function makeAppendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`
    CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}"
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change()`);
  await queryRunner.query(`
    CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()`);
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${table}_append_only"`);
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${table}_no_truncate"`);
  await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM PUBLIC`);
}
