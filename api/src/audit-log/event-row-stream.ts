import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { EVENT_ROW_SELECT } from './event-row';

/** A cursor over matching events in seq order on a dedicated connection. */
export interface EventStream {
  rows: Readable;
  /** Returns the connection to the pool (destroying it if the stream failed). */
  release(error?: Error): void;
}

/**
 * node-pg applies the pool's `query_timeout` (30 s, meant for request queries) to a stream's
 * whole life, and a stream lives as long as its consumer takes to read it (backpressure): an
 * export of a large log to a slow client was cut off at 30 s. A stream gets this bound instead,
 * read by node-pg from the query object itself.
 */
export const EVENT_STREAM_TIMEOUT_MS = 60 * 60 * 1000;

/** A pg-query-stream cursor over `EVENT_ROW_SELECT` rows, on a connection of its own. */
export async function openEventRowStream(
  dataSource: DataSource,
  conditions: string[],
  params: unknown[],
): Promise<EventStream> {
  const driver = dataSource.driver as PostgresDriver;
  const [client, releaseClient] = (await driver.obtainMasterConnection()) as [
    PoolClient,
    (error?: Error | boolean) => void,
  ];
  const query = Object.assign(
    new QueryStream(
      `SELECT ${EVENT_ROW_SELECT} FROM audit_events
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY audit_events.seq`,
      params,
      // Text in, text out: no per-row date or JSON parsing in node-pg.
      {
        batchSize: 2000,
        // Room for a fetch to run while the consumer works through the previous batch.
        highWaterMark: 6000,
        rowMode: 'array',
        types: { getTypeParser: () => (value: string) => value },
      },
    ),
    { query_timeout: EVENT_STREAM_TIMEOUT_MS },
  );
  const rows = client.query(query);
  let released = false;
  return {
    rows,
    release: (error?: Error) => {
      if (released) return;
      released = true;
      // A connection whose cursor was cut off mid-way is not safe to reuse.
      releaseClient(error ?? (rows.readableEnded ? undefined : true));
    },
  };
}
