import { Transform } from 'node:stream';
import type { AuditExportFormat } from './dto/audit-filters.dto';
import { Col, EventRow } from './event-row';

export const CSV_COLUMNS = [
  'seq',
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'actorDisplay',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'traceId',
  'changes',
  'prevHash',
  'hash',
] as const;

/** `EventRow` positions in CSV column order. */
export const CSV_ORDER = [
  Col.Seq,
  Col.Id,
  Col.OccurredAt,
  Col.ActorType,
  Col.ActorId,
  Col.ActorDisplay,
  Col.Action,
  Col.TargetType,
  Col.TargetId,
  Col.Outcome,
  Col.Ip,
  Col.UserAgent,
  Col.RequestId,
  Col.TraceId,
  Col.Changes,
  Col.PrevHash,
  Col.Hash,
];

const NEEDS_GUARD = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field per RFC 4180 (quoted when it holds `"`, `,`, CR or LF; quotes doubled), and
 * safe to open in a spreadsheet: a cell starting with `= + - @`, tab or CR gets a leading `'`
 * so it is never evaluated as a formula (OWASP "CSV injection").
 */
export function csvField(value: string | null): string {
  if (value === null || value === '') return '';
  const safe = NEEDS_GUARD.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvLine(row: EventRow): string {
  let line = csvField(row[CSV_ORDER[0]]);
  for (let i = 1; i < CSV_ORDER.length; i += 1) line += `,${csvField(row[CSV_ORDER[i]])}`;
  return `${line}\r\n`;
}

const str = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
/** For columns whose format needs no JSON escaping (digits, UUIDs, ISO dates, hex, enums). */
const plain = (value: string | null) => (value === null ? 'null' : `"${value}"`);

/**
 * One `AuditEvent` object per line. Built by hand from the text columns (jsonb's text for
 * `changes` is already JSON), because this runs for every exported row.
 */
export function jsonLine(row: EventRow): string {
  return (
    `{"id":${plain(row[Col.Id])},"seq":${plain(row[Col.Seq])},"occurredAt":${plain(row[Col.OccurredAt])}` +
    `,"actor":{"type":${plain(row[Col.ActorType])},"id":${str(row[Col.ActorId])},"display":${str(row[Col.ActorDisplay])}}` +
    `,"action":${str(row[Col.Action])}` +
    `,"target":{"type":${str(row[Col.TargetType])},"id":${str(row[Col.TargetId])}}` +
    `,"changes":${row[Col.Changes] ?? 'null'},"outcome":${plain(row[Col.Outcome])}` +
    `,"ip":${str(row[Col.Ip])},"userAgent":${str(row[Col.UserAgent])},"requestId":${str(row[Col.RequestId])}` +
    `,"traceId":${str(row[Col.TraceId])}` +
    `,"prevHash":${plain(row[Col.PrevHash])},"hash":${plain(row[Col.Hash])}}\n`
  );
}

export const EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * Array rows in, text out. Batches rows into chunks of ~64 KiB so that a million rows do not
 * become a million tiny socket writes; `onRow` sees every row (for counts and manifests).
 */
export function exportTransform(
  format: AuditExportFormat,
  onRow?: (row: EventRow) => void,
): Transform {
  const line = format === 'csv' ? csvLine : jsonLine;
  let buffer = format === 'csv' ? csvHeader() : '';
  return new Transform({
    writableObjectMode: true,
    readableObjectMode: false,
    writableHighWaterMark: 1000,
    transform(row: EventRow, _encoding, callback) {
      onRow?.(row);
      buffer += line(row);
      if (buffer.length >= 65536) {
        const chunk = buffer;
        buffer = '';
        callback(null, chunk);
      } else {
        callback();
      }
    },
    flush(callback) {
      callback(null, buffer === '' ? undefined : buffer);
    },
  });
}
