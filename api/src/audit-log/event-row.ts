import type { ChainEvent } from './chain/chain-walker';
import { canonicalJson } from './chain/canonical-json';

/**
 * The fast read path for exports and verification: every column as text, rows as arrays
 * (pg `rowMode: 'array'`), so node-pg parses no dates and no JSON. `occurred_at` is rendered
 * by Postgres exactly as `Date.prototype.toISOString()` would (UTC, milliseconds, `Z`);
 * `changes` is jsonb's own text, which is valid JSON.
 */
export const EVENT_ROW_SELECT = `seq::text, id::text,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), action, actor_type,
  actor_id, actor_display, target_type, target_id, changes::text, outcome, ip, user_agent,
  request_id, prev_hash, hash, trace_id`;

/** Column positions in an `EVENT_ROW_SELECT` row (an object, not a const enum: isolatedModules). */
export const Col = {
  Seq: 0,
  Id: 1,
  OccurredAt: 2,
  Action: 3,
  ActorType: 4,
  ActorId: 5,
  ActorDisplay: 6,
  TargetType: 7,
  TargetId: 8,
  Changes: 9,
  Outcome: 10,
  Ip: 11,
  UserAgent: 12,
  RequestId: 13,
  PrevHash: 14,
  Hash: 15,
  TraceId: 16,
} as const;

/** One row of `EVENT_ROW_SELECT`; non-null columns are typed as such by the schema. */
export type EventRow = (string | null)[];

export function chainEventOf(row: EventRow): ChainEvent {
  const changes = row[Col.Changes];
  return {
    seq: row[Col.Seq] as string,
    id: row[Col.Id] as string,
    occurredAt: row[Col.OccurredAt] as string,
    action: row[Col.Action] as string,
    actorType: row[Col.ActorType] as string,
    actorId: row[Col.ActorId],
    actorDisplay: row[Col.ActorDisplay] as string,
    targetType: row[Col.TargetType] as string,
    targetId: row[Col.TargetId],
    changes: changes === null ? null : (JSON.parse(changes) as ChainEvent['changes']),
    outcome: row[Col.Outcome] as string,
    ip: row[Col.Ip],
    userAgent: row[Col.UserAgent],
    requestId: row[Col.RequestId],
    traceId: row[Col.TraceId],
    prevHash: row[Col.PrevHash] as string,
    hash: row[Col.Hash] as string,
  };
}

/** audit_events under the names `ChainEvent` uses, parsed by node-pg (for small reads). */
export const CHAIN_EVENT_SELECT = `seq, id, occurred_at AS "occurredAt", action,
  actor_type AS "actorType", actor_id AS "actorId", actor_display AS "actorDisplay",
  target_type AS "targetType", target_id AS "targetId", changes, outcome, ip,
  user_agent AS "userAgent", request_id AS "requestId", prev_hash AS "prevHash", hash,
  trace_id AS "traceId"`;

function jsonText(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

/**
 * `canonicalEvent` straight from a text row, without building the event object: the verify
 * hot path. `occurred_at` already has toISOString()'s form and `seq::text` is a plain
 * decimal; only `changes` (jsonb text: Postgres' key order and spacing) is re-serialised.
 */
export function canonicalOfRow(row: EventRow): string {
  const changes = row[Col.Changes];
  const traceId = row[Col.TraceId];
  return (
    `{"action":${JSON.stringify(row[Col.Action])}` +
    `,"actor":{"display":${JSON.stringify(row[Col.ActorDisplay])},"id":${jsonText(row[Col.ActorId])},"type":${JSON.stringify(row[Col.ActorType])}}` +
    `,"changes":${changes === null ? 'null' : canonicalJson(JSON.parse(changes))}` +
    `,"id":${JSON.stringify(row[Col.Id])}` +
    `,"ip":${jsonText(row[Col.Ip])}` +
    `,"occurredAt":${JSON.stringify(row[Col.OccurredAt])}` +
    `,"outcome":${JSON.stringify(row[Col.Outcome])}` +
    `,"requestId":${jsonText(row[Col.RequestId])}` +
    `,"seq":${row[Col.Seq] as string}` +
    `,"target":{"id":${jsonText(row[Col.TargetId])},"type":${JSON.stringify(row[Col.TargetType])}}` +
    (traceId ? `,"traceId":${JSON.stringify(traceId)}` : '') +
    `,"userAgent":${jsonText(row[Col.UserAgent])}}`
  );
}
