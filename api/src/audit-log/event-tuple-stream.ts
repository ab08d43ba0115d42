import { DataSource } from 'typeorm';
import { poolOf } from '../common/database/query-rows';
import { connectionOn, PRIMARY_TARGET } from '../common/database/read-connection';
import { CopyOutStream } from './copy-out-stream';
import { EVENT_ROW_SELECT } from './event-row';
import { startCopy } from './export-stream';
import { WholeTupleWriter } from './whole-tuple-writer';

/**
 * Events `from`..`to` in seq order as binary COPY tuples of `EVENT_ROW_SELECT` (decoded by
 * `EventTupleEncoder`), in chunks of whole tuples, on a primary connection of its own (a
 * verification checks the log of record, not a copy of it); the socket's
 * backpressure paces Postgres. `release` gives the connection back (destroying it if cut off).
 */
export async function openEventTupleStream(
  dataSource: DataSource,
  from: bigint,
  to: bigint,
): Promise<{ body: CopyOutStream; release: (error?: Error) => void }> {
  const body = new CopyOutStream(
    `COPY (SELECT ${EVENT_ROW_SELECT} FROM audit_events WHERE seq >= ${from} AND seq <= ${to}
      ORDER BY audit_events.seq) TO STDOUT (FORMAT binary)`,
    new WholeTupleWriter(),
  );
  const connection = await connectionOn(poolOf(dataSource), PRIMARY_TARGET);
  return { body, release: startCopy(connection, body) };
}
