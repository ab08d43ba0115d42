import { DataSource } from 'typeorm';
import { typeormOptions } from '../src/database/typeorm-options';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';

/**
 * Entities and migrations must agree: on a freshly migrated database TypeORM must find
 * nothing to generate. Every migration must also revert and re-apply cleanly.
 */
describe('schema (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_schema');
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = await createDatabase(serverUrl, database);
    dataSource = new DataSource(
      typeormOptions({ url, poolSize: 2, connectTimeoutMs: 5000, applicationName: 'schema-test' }),
    );
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(serverUrl, database);
  });

  it('applies every migration, and then entities need no further change', async () => {
    await dataSource.runMigrations();
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i += 1) await dataSource.undoLastMigration();
    expect(await dataSource.showMigrations()).toBe(true);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
