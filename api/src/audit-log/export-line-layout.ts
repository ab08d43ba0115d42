import type { AuditExportFormat } from './dto/audit-filters.dto';

/** The columns, in this order and with these types (checked per row where the size tells). */
export const EXPORT_COLUMNS = `seq, id, occurred_at, action, actor_type, actor_id, actor_display,
  target_type, target_id, changes, outcome, ip, user_agent, request_id, prev_hash, hash, trace_id`;

/** Field positions in a tuple of `EXPORT_COLUMNS`. */
export const Field = {
  Seq: 0, // int8
  Id: 1, // uuid
  OccurredAt: 2, // timestamptz: int8 µs since 2000-01-01 UTC
  Action: 3,
  ActorType: 4,
  ActorId: 5,
  ActorDisplay: 6,
  TargetType: 7,
  TargetId: 8,
  Changes: 9, // jsonb: a version byte (1), then its text
  Outcome: 10,
  Ip: 11,
  UserAgent: 12,
  RequestId: 13,
  PrevHash: 14,
  Hash: 15,
  TraceId: 16,
} as const;
export type Field = (typeof Field)[keyof typeof Field];
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
    step('{"id":"', Field.Id, As.Uuid),
    step('","seq":"', Field.Seq, As.Int8),
    step('","occurredAt":', Field.OccurredAt, As.JsonTimestamp),
    step(',"actor":{"type":', Field.ActorType, As.JsonPlain),
    step(',"id":', Field.ActorId, As.JsonText),
    step(',"display":', Field.ActorDisplay, As.JsonText),
    step('},"action":', Field.Action, As.JsonText),
    step(',"target":{"type":', Field.TargetType, As.JsonText),
    step(',"id":', Field.TargetId, As.JsonText),
    step('},"changes":', Field.Changes, As.JsonJsonb),
    step(',"outcome":', Field.Outcome, As.JsonPlain),
    step(',"ip":', Field.Ip, As.JsonText),
    step(',"userAgent":', Field.UserAgent, As.JsonText),
    step(',"requestId":', Field.RequestId, As.JsonText),
    step(',"traceId":', Field.TraceId, As.JsonText),
    step(',"prevHash":', Field.PrevHash, As.JsonPlain),
    step(',"hash":', Field.Hash, As.JsonPlain),
  ],
  end: words('}\n'),
};

/** `csvLine` of `export-format.ts`: `CSV_COLUMNS` order. */
const CSV_LINE: LineLayout = {
  steps: [
    step('', Field.Seq, As.GuardedInt8),
    step(',', Field.Id, As.Uuid),
    step(',', Field.OccurredAt, As.CsvTimestamp),
    ...[
      Field.ActorType,
      Field.ActorId,
      Field.ActorDisplay,
      Field.Action,
      Field.TargetType,
      Field.TargetId,
      Field.Outcome,
      Field.Ip,
      Field.UserAgent,
      Field.RequestId,
      Field.TraceId,
    ].map((field) => step(',', field, As.CsvText)),
    step(',', Field.Changes, As.CsvJsonb),
    step(',', Field.PrevHash, As.CsvText),
    step(',', Field.Hash, As.CsvText),
  ],
  end: words('\r\n'),
};

export const LINE_LAYOUTS: Record<AuditExportFormat, LineLayout> = {
  jsonl: JSON_LINE,
  csv: CSV_LINE,
};
