import type { Pool } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../problem/database-unavailable';

/**
 * The `pg` Pool TypeORM's Postgres driver made from our options (`database/typeorm-options.ts`):
 * the same connections, pool size and `query_timeout` as every TypeORM query.
 */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * Runs one statement outside a transaction on a pooled connection and answers its rows: what
 * `dataSource.query` does for a SELECT, without TypeORM's QueryRunner, broadcaster and result
 * wrapping around it (a measurable share of a hot read's CPU, docs/benchmarks.md). Failures
 * look as they do through TypeORM, a `QueryFailedError` carrying the driver error (so
 * `isPgError` and the 503 on an unreachable database see the same thing); a failure to get a
 * connection is the pool's own error, as it is through TypeORM. Writes and transactions stay on
 * TypeORM's EntityManager.
 */
export function queryRows<Row>(
  dataSource: DataSource,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  return queryRowsOn<Row>(poolOf(dataSource), text, values);
}

/** `queryRows` on a given pool: the primary's, or a read replica's (`ReadRouter`). */
export async function queryRowsOn<Row>(
  pool: Pool,
  text: string,
  values: readonly unknown[] = [],
): Promise<Row[]> {
  const client = await pool.connect();
  // A checked-out client that errors (server gone) must have a listener, or the process dies;
  // such a client, like one whose query timed out, leaves the pool instead of being reused.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    const result = await client.query(text, values as unknown[]);
    return result.rows as Row[];
  } catch (error) {
    if (isDatabaseUnavailable(error)) broken ??= error as Error;
    throw new QueryFailedError(text, values as unknown[], error as Error);
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
