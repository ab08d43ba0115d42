import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { INVALID_TEXT_REPRESENTATION, isPgError } from '../src/common/database/pg-errors';
import { queryRows } from '../src/common/database/query-rows';
import { isDatabaseUnavailable } from '../src/common/problem/database-unavailable';
import { typeormOptions } from '../src/database/typeorm-options';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';

/**
 * `queryRows` runs hot reads on TypeORM's pool without a QueryRunner: same rows, same errors
 * as `dataSource.query`, the same query timeout, and a broken connection leaves the pool.
 */
describe('queryRows (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_query_rows');
  let dataSource: DataSource;
  const pool = () => (dataSource.driver as unknown as { master: Pool }).master;

  beforeAll(async () => {
    const url = await createDatabase(serverUrl, database);
    dataSource = new DataSource(
      typeormOptions({
        url,
        poolSize: 2,
        connectTimeoutMs: 5000,
        queryTimeoutMs: 300,
        applicationName: 'query-rows-test',
        entities: [],
      }),
    );
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(serverUrl, database);
  });

  it('answers the rows dataSource.query answers, parsed alike', async () => {
    const sql = `SELECT n, now() AS at, ARRAY['a', 'b'] AS labels FROM generate_series(1, $1::int) n`;
    const rows = await queryRows<{ n: number; at: Date; labels: string[] }>(dataSource, sql, [3]);
    const viaTypeorm: unknown[] = await dataSource.query(sql, [3]);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.at).toBeInstanceOf(Date);
    expect(rows.map(({ n, labels }) => ({ n, labels }))).toEqual(
      (viaTypeorm as typeof rows).map(({ n, labels }) => ({ n, labels })),
    );
  });

  it('fails as TypeORM does: a QueryFailedError with the SQLSTATE, the connection kept', async () => {
    const sql = 'SELECT $1::uuid AS id';
    const ours = await queryRows(dataSource, sql, ['not-a-uuid']).catch((e: unknown) => e);
    const typeorms: unknown = await dataSource.query(sql, ['not-a-uuid']).catch((e: unknown) => e);
    expect(ours).toBeInstanceOf(QueryFailedError);
    expect(isPgError(ours, INVALID_TEXT_REPRESENTATION)).toBe(true);
    expect((ours as Error).message).toBe((typeorms as Error).message);
    expect(isDatabaseUnavailable(ours)).toBe(false);
    expect(pool().totalCount).toBeGreaterThan(0);
    expect(await queryRows(dataSource, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('keeps the query timeout, answers it as unavailability and drops that connection', async () => {
    const failure = await queryRows(dataSource, 'SELECT pg_sleep(2)').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    // The timed-out connection is still busy on the server: it must not be handed out again.
    const pids = await Promise.all(
      [1, 2].map(() => queryRows<{ pid: number }>(dataSource, 'SELECT pg_backend_pid() AS pid')),
    );
    expect(pids.flat()).toHaveLength(2);
    expect(await queryRows(dataSource, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('survives the server closing a checked-out connection, and the pool recovers', async () => {
    const pending = queryRows(dataSource, 'SELECT pg_sleep(0.25), pg_backend_pid() AS pid').catch(
      (e: unknown) => e,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep(0.25)%'`,
    );
    const failure = await pending;
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(await queryRows(dataSource, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
