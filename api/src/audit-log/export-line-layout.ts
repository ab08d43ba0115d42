import type { AuditExportFormat } from './dto/audit-filters.dto';
import { Col } from './event-row';
import { CSV_ORDER } from './export-format';

/** The columns, in this order and with these types (checked per row where the size tells). */
export const EXPORT_COLUMNS = `seq, id, occurred_at, action, actor_type, actor_id, actor_display,
  target_type, target_id, changes, outcome, ip, user_agent, request_id, prev_hash, hash, trace_id`;

/**
 * Field positions in a tuple of `EXPORT_COLUMNS`: the order of `EVENT_ROW_SELECT`, so `Col`'s,
 * with the raw types: seq int8, id uuid, occurred_at timestamptz (int8 µs since 2000-01-01
 * UTC), changes jsonb (a version byte, 1, then its text), the rest text.
 */
export type Field = (typeof Col)[keyof typeof Col];
export const FIELD_COUNT = 17;

/** How a value is written (`export-value-bytes.ts`). */
export const As = {
  Uuid: 0,
  Int8: 1,
  /** CSV: a negative number gets the formula guard. */
  GuardedInt8: 2,
  JsonTimestamp: 3,
  CsvTimestamp: 4,
  JsonPlain: 5,
  JsonText: 6,
  JsonJsonb: 7,
  CsvText: 8,
  CsvJsonb: 9,
} as const;
export type As = (typeof As)[keyof typeof As];

/**
 * Constant bytes as big-endian 32-bit words, zero-padded to a whole word: written a word at a
 * time (`putWords`), they may run up to 3 bytes past `length`, which what follows overwrites.
 */
export interface Words {
  words: Uint32Array;
  length: number;
}

/** One value of a line: the constant bytes before it, then the field written `as`. */
export interface Step {
  lead: Words;
  field: Field;
  as: As;
}

/** A format's line: its steps, then the constant bytes that end it. */
export interface LineLayout {
  steps: readonly Step[];
  end: Words;
}

export function words(text: string): Words {
  const bytes = Buffer.alloc(Math.ceil(text.length / 4) * 4);
  const length = bytes.write(text, 'latin1');
  const packed = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < packed.length; i += 1) packed[i] = bytes.readUInt32BE(4 * i);
  return { words: packed, length };
}
const step = (lead: string, field: Field, as: As): Step => ({ lead: words(lead), field, as });

/** `jsonLine` of `export-format.ts`, field for field. */
const JSON_LINE: LineLayout = {
  steps: [
    step('{"id":"', Col.Id, As.Uuid),
    step('","seq":"', Col.Seq, As.Int8),
    step('","occurredAt":', Col.OccurredAt, As.JsonTimestamp),
    step(',"actor":{"type":', Col.ActorType, As.JsonPlain),
    step(',"id":', Col.ActorId, As.JsonText),
    step(',"display":', Col.ActorDisplay, As.JsonText),
    step('},"action":', Col.Action, As.JsonText),
    step(',"target":{"type":', Col.TargetType, As.JsonText),
    step(',"id":', Col.TargetId, As.JsonText),
    step('},"changes":', Col.Changes, As.JsonJsonb),
    step(',"outcome":', Col.Outcome, As.JsonPlain),
    step(',"ip":', Col.Ip, As.JsonText),
    step(',"userAgent":', Col.UserAgent, As.JsonText),
    step(',"requestId":', Col.RequestId, As.JsonText),
    step(',"traceId":', Col.TraceId, As.JsonText),
    step(',"prevHash":', Col.PrevHash, As.JsonPlain),
    step(',"hash":', Col.Hash, As.JsonPlain),
  ],
  end: words('}\n'),
};

/** How `csvLine` writes each column: by type; text (and jsonb's text) through `csvField`. */
const CSV_AS: Partial<Record<Field, As>> = {
  [Col.Seq]: As.GuardedInt8,
  [Col.Id]: As.Uuid,
  [Col.OccurredAt]: As.CsvTimestamp,
  [Col.Changes]: As.CsvJsonb,
};

/** `csvLine` of `export-format.ts`: its `CSV_ORDER`, comma-separated. */
const CSV_LINE: LineLayout = {
  steps: CSV_ORDER.map((field, i) => step(i === 0 ? '' : ',', field, CSV_AS[field] ?? As.CsvText)),
  end: words('\r\n'),
};

export const LINE_LAYOUTS: Record<AuditExportFormat, LineLayout> = {
  jsonl: JSON_LINE,
  csv: CSV_LINE,
};
