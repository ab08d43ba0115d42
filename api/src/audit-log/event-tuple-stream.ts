import { DataSource } from 'typeorm';
import { CopyOutStream } from './copy-out-stream';
import { EVENT_ROW_SELECT } from './event-row';
import { startCopy } from './export-stream';
import { WholeTupleWriter } from './whole-tuple-writer';

/**
 * Events `from`..`to` in seq order as binary COPY tuples of `EVENT_ROW_SELECT` (decoded by
 * `EventTupleEncoder`), in chunks of whole tuples, on a connection of its own; the socket's
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
  return { body, release: await startCopy(dataSource, body) };
}
