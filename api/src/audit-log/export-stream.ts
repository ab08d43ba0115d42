import { escapeLiteral } from 'pg';
import type { ReadConnection } from '../common/database/read-connection';
import type { AuditExportFormat } from './dto/audit-filters.dto';
import { CopyOutStream } from './copy-out-stream';
import { EVENT_STREAM_TIMEOUT_MS } from './event-row-stream';
import { EXPORT_COLUMNS, ExportRowWriter } from './export-row-writer';

/** An export file's bytes straight from Postgres, on a dedicated connection. */
export interface ExportStream {
  /** The file: CSV header (for CSV) and one line per event. `rows`, `first`, `lastRow()`
   * give the count and each end's `[seq, hash]`. */
  body: CopyOutStream;
  /** Returns the connection to the pool (destroying it unless the COPY ran to its end). */
  release(error?: Error): void;
}

/**
 * COPY takes no bind parameters, so the filter values are written into the statement as
 * literals: strings through node-pg's `escapeLiteral`, dates as ISO timestamps.
 */
export function inlineParams(sql: string, params: unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, position: string) => {
    const value = params[Number(position) - 1];
    if (value instanceof Date) return `${escapeLiteral(value.toISOString())}::timestamptz`;
    if (typeof value === 'string') return escapeLiteral(value);
    throw new Error(`export filter $${position} is not a string or a date`);
  });
}

/**
 * The export's COPY statement: the matching events' raw columns in seq order, in binary (the
 * cheapest form for the backend: no int8, uuid or timestamp to text).
 */
export function exportCopySql(where: string): string {
  return `COPY (SELECT ${EXPORT_COLUMNS} FROM audit_events ${where}
    ORDER BY audit_events.seq) TO STDOUT (FORMAT binary)`;
}

/** The stream of one export: `exportCopySql`'s tuples written as `format` lines. */
export function exportCopyStream(
  format: AuditExportFormat,
  where: string,
  onProgress?: (rows: number) => void,
): CopyOutStream {
  return new CopyOutStream(exportCopySql(where), new ExportRowWriter(format), onProgress);
}

/**
 * `COPY (SELECT columns … ORDER BY seq) TO STDOUT` on `connection` (the reader's: a replica or
 * the primary, see `ReadRouter`): Postgres streams the rows in seq order and the API writes the
 * lines (`export-row-writer.ts`) while Postgres produces the next rows; the socket's
 * backpressure paces both. Conditions use `$n` placeholders for `params`, as `whereOf` writes
 * them. The stream's `release` gives the connection back.
 */
export function openExportStream(
  connection: ReadConnection,
  format: AuditExportFormat,
  conditions: string[],
  params: unknown[],
  onProgress?: (rows: number) => void,
): ExportStream {
  const where =
    conditions.length > 0 ? `WHERE ${inlineParams(conditions.join(' AND '), params)}` : '';
  const body = exportCopyStream(format, where, onProgress);
  return { body, release: startCopy(connection, body) };
}

/**
 * Runs a COPY stream on a connection held for it; the returned `release` gives the connection
 * back to its pool, destroying it unless the COPY ran to its end.
 */
export function startCopy(
  connection: ReadConnection,
  body: CopyOutStream,
): (error?: Error) => void {
  // node-pg reads the timeout off the query: the pool's, meant for request queries, would cut
  // an export to a slow reader off (see EVENT_STREAM_TIMEOUT_MS).
  body.query_timeout = EVENT_STREAM_TIMEOUT_MS;
  // A submittable: node-pg hands it the connection and its protocol messages.
  void connection.client.query(body as never);
  return (error?: Error) => connection.release(error ?? !body.readableEnded);
}
