import { activeTraceparent } from '../common/telemetry/job-trace';
import { activeTraceId } from '../common/telemetry/trace-fields';
import type { AuditEventInput } from './audit-event.input';
import { redactChanges } from './redact';

/**
 * Where a caller's own statement supplies part of the event, from a row it wrote in the same
 * statement (a data-modifying CTE): the outbox row is then inserted once per row of `from`.
 */
export interface OutboxRowSource {
  /** The CTE (or table) to select from, e.g. `created`. */
  from: string;
  /** SQL for `target_id` (text), e.g. `created.id::text`; replaces `event.target.id`. */
  targetId: string;
  /** Wraps the redacted `changes` parameter (jsonb), e.g. to fill in a value only SQL knows. */
  changes?: (redacted: string) => string;
}

const COLUMNS = `action, actor_type, actor_id, actor_display, target_type, target_id,
  changes, outcome, ip, user_agent, request_id, occurred_at, trace_id, traceparent`;

/**
 * The outbox INSERT of one event, its parameters appended to `values` (so it can be part of a
 * larger statement). Columns left out take the table's defaults. Plain SQL, not TypeORM's
 * InsertQueryBuilder, which was 8 % of a task create's CPU (docs/benchmarks.md).
 */
export function outboxInsert(
  event: AuditEventInput,
  values: unknown[],
  source?: OutboxRowSource,
): string {
  const changes = event.changes === undefined ? null : redactChanges(event.changes);
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const action = param(event.action);
  const actorType = param(event.actor.type);
  const actorId = param(event.actor.id);
  const actorDisplay = param(event.actor.display);
  const targetType = param(event.target.type);
  const targetId = source ? source.targetId : param(event.target.id);
  const redacted = `${param(changes === null ? null : JSON.stringify(changes))}::jsonb`;
  const changesSql = source?.changes ? source.changes(redacted) : redacted;
  const row = [
    action,
    actorType,
    actorId,
    actorDisplay,
    targetType,
    targetId,
    changesSql,
    param(event.outcome),
    param(event.context.ip),
    param(event.context.userAgent),
    param(event.context.requestId),
    `COALESCE(${param(event.occurredAt ?? null)}::timestamptz, clock_timestamp())`,
    // Sealed with the event (hashed); the traceparent only links the sealer's span to it.
    param(activeTraceId()),
    param(activeTraceparent()),
  ].join(', ');
  return source
    ? `INSERT INTO audit_outbox (${COLUMNS}) SELECT ${row} FROM ${source.from}`
    : `INSERT INTO audit_outbox (${COLUMNS}) VALUES (${row})`;
}
