import type { AuditExportFormat } from './dto/audit-filters.dto';

/**
 * The export lines of `export-format.ts` (`csvLine`, `jsonLine`), rendered by Postgres as one
 * text column, so that a streamed export moves bytes instead of building strings row by row.
 * They must stay byte for byte equal to the JS formatter, which remains the reference (and
 * what retention archives use); `audit-export-sql.e2e-spec.ts` compares the two on awkward
 * rows. Every expression is over `audit_events` columns and never NULL.
 */

/** `occurred_at` as `Date.prototype.toISOString()` writes it (as in `EVENT_ROW_SELECT`). */
const OCCURRED_AT = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `JSON.stringify(value)`, or `null`: Postgres escapes text for JSON as V8 does. */
const jsonString = (column: string) => `coalesce(to_json(${column})::text, 'null')`;
/** The formatter's `plain`: quoted without escaping (columns of a fixed, safe alphabet). */
const jsonPlain = (column: string) => `coalesce('"' || ${column} || '"', 'null')`;

/**
 * `csvField`: an empty cell for NULL and '', a `'` before a leading `= + - @`, tab or CR
 * (formula guard), quotes (doubled inside) when the cell holds `"`, `,`, CR or LF. The guard's
 * `'` never needs quoting itself, so the two tests can both look at the raw value.
 */
function csvField(value: string): string {
  const guard = `CASE WHEN ascii(${value}) IN (61, 43, 45, 64, 9, 13) THEN '''' ELSE '' END`;
  return `coalesce(CASE WHEN ${value} ~ '[",\\r\\n]'
      THEN '"' || ${guard} || replace(${value}, '"', '""') || '"'
      ELSE ${guard} || ${value} END, '')`;
}

/** `jsonLine(row)` for the row at hand, trailing LF included. */
const JSONL_LINE = `'{"id":' || ${jsonPlain('id::text')}
  || ',"seq":' || ${jsonPlain('seq::text')}
  || ',"occurredAt":' || ${jsonPlain(OCCURRED_AT)}
  || ',"actor":{"type":' || ${jsonPlain('actor_type')}
  || ',"id":' || ${jsonString('actor_id')}
  || ',"display":' || ${jsonString('actor_display')}
  || '},"action":' || ${jsonString('action')}
  || ',"target":{"type":' || ${jsonString('target_type')}
  || ',"id":' || ${jsonString('target_id')}
  || '},"changes":' || coalesce(changes::text, 'null')
  || ',"outcome":' || ${jsonPlain('outcome')}
  || ',"ip":' || ${jsonString('ip')}
  || ',"userAgent":' || ${jsonString('user_agent')}
  || ',"requestId":' || ${jsonString('request_id')}
  || ',"prevHash":' || ${jsonPlain('prev_hash')}
  || ',"hash":' || ${jsonPlain('hash')} || E'}\\n'`;

/**
 * `csvLine(row)`, CRLF included, in `CSV_COLUMNS` order. `id` (a uuid) and `occurred_at`
 * (digits first, no comma) can never need the guard or quotes; a bigint only the guard.
 */
const CSV_LINE = [
  `CASE WHEN seq < 0 THEN '''' ELSE '' END || seq::text`,
  'id::text',
  OCCURRED_AT,
  ...[
    'actor_type',
    'actor_id',
    'actor_display',
    'action',
    'target_type',
    'target_id',
    'outcome',
    'ip',
    'user_agent',
    'request_id',
    'changes::text',
    'prev_hash',
    'hash',
  ].map(csvField),
]
  .join(` || ',' || `)
  .concat(` || E'\\r\\n'`);

/** The SQL expression of one export line in `format`. */
export function exportLineSql(format: AuditExportFormat): string {
  return format === 'csv' ? CSV_LINE : JSONL_LINE;
}
