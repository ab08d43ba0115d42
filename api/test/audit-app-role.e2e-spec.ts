import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../src/audit-log/audit-log.service';
import { AuditVerifierService } from '../src/audit-log/audit-verifier.service';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { typeormOptions } from '../src/database/typeorm-options';
import { createUser } from './support/auth-helpers';
import { testEvent, uniqueActionPrefix, waitForSealed } from './support/audit-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { uniqueName } from '../../ops/db/test-database';

/**
 * The production setup docs/audit-log.md prescribes: migrations run as the owner, the app as a
 * login role that is neither owner nor superuser, with ordinary read/write grants. This proves
 * the app runs that way, and that such a role cannot get around the append-only triggers.
 */
describe('audit log under a non-owner app role (e2e)', () => {
  const ownerUrl = process.env.DATABASE_URL ?? '';
  const role = uniqueName('tt_app_role');
  const password = randomBytes(18).toString('base64url');
  let appRoleUrl: string;
  let owner: Client | undefined;
  let app: TestApp;

  beforeAll(async () => {
    // The owner applies the schema first (as `npm run migration:run` would in a deploy step).
    const migrator = new DataSource(
      typeormOptions({
        url: ownerUrl,
        poolSize: 2, // the advisory lock holds one connection while migrations use another
        connectTimeoutMs: 5000,
        applicationName: 'owner',
      }),
    );
    await migrator.initialize();
    await runMigrationsLocked(migrator);
    await migrator.destroy();

    const admin = new Client({ connectionString: ownerUrl });
    owner = admin;
    await admin.connect();
    const database = new URL(ownerUrl).pathname.slice(1);
    // Identifiers are generated above, never user input.
    await admin.query(
      `CREATE ROLE "${role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`,
    );
    await admin.query(`GRANT CONNECT ON DATABASE "${database}" TO "${role}"`);
    await admin.query(`GRANT USAGE ON SCHEMA public TO "${role}"`);
    // Deliberately broad DML, as a careless setup would grant: the triggers must still hold.
    await admin.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${role}"`,
    );
    await admin.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${role}"`);

    const url = new URL(ownerUrl);
    url.username = role;
    url.password = password;
    appRoleUrl = url.toString();
    app = await startTestApp({ configOverrides: { DATABASE_URL: appRoleUrl } });
  });

  afterAll(async () => {
    await app?.close();
    if (!owner) return;
    await owner.query(`DROP OWNED BY "${role}"`);
    await owner.query(`DROP ROLE IF EXISTS "${role}"`);
    await owner.end();
  });

  it('serves, captures, seals and verifies as that role', async () => {
    const [{ current_user: who, rolsuper }]: { current_user: string; rolsuper: boolean }[] =
      await app.dataSource.query(
        'SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user',
      );
    expect(who).toBe(role);
    expect(rolsuper).toBe(false);

    const user = await createUser(app);
    expect((await user.client.GET('/api/v1/users/me')).response.status).toBe(200);

    const prefix = uniqueActionPrefix('app-role');
    await app.dataSource.transaction(async (manager) => {
      await app.app.get(AuditLogService).record(manager, testEvent(`${prefix}.one`));
    });
    await waitForSealed(app.dataSource, prefix, 1);
    expect(await app.app.get(AuditVerifierService).verify()).toMatchObject({ ok: true });
  });

  it('cannot update, delete, disable, drop or sidestep the append-only triggers', async () => {
    const attempts: [string, RegExp][] = [
      ['UPDATE audit_events SET outcome = outcome', /append-only/],
      ['DELETE FROM audit_events', /append-only/],
      ['TRUNCATE audit_events', /permission denied|append-only/],
      ['ALTER TABLE audit_events DISABLE TRIGGER ALL', /must be owner/],
      ['DROP TRIGGER audit_events_append_only ON audit_events', /must be owner/],
      ['SET session_replication_role = replica', /permission denied/],
      ['DELETE FROM audit_checkpoints', /append-only/],
    ];
    const client = new Client({ connectionString: appRoleUrl });
    await client.connect();
    try {
      for (const [sql, refusal] of attempts) {
        await expect(client.query(sql)).rejects.toThrow(refusal);
      }
    } finally {
      await client.end();
    }
  });
});
