import type { AuditEventFiltersDto } from './dto/audit-filters.dto';

/** What the list, the streamed export and background exports filter sealed events on. */
export type AuditEventFilters = Pick<
  AuditEventFiltersDto,
  'actorId' | 'action' | 'targetType' | 'targetId' | 'from' | 'to' | 'outcome'
>;

/** Copies only the filter fields (the DTO may carry limit, cursor, format). */
export function filtersOf(query: AuditEventFilters): AuditEventFilters {
  const { actorId, action, targetType, targetId, from, to, outcome } = query;
  return { actorId, action, targetType, targetId, from, to, outcome };
}

/** SQL conditions on `audit_events` and their parameters; `$1…$n` numbered from `firstParam`. */
export function whereOf(
  filters: AuditEventFilters,
  firstParam = 1,
): { conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${firstParam + params.length - 1}`));
  };
  if (filters.actorId !== undefined) add((p) => `actor_id = ${p}`, filters.actorId);
  if (filters.action !== undefined) {
    // `action` has collation "C", so the prefix LIKE is an index range scan.
    add((p) => `action LIKE ${p}`, `${filters.action.replace(/[\\%_]/g, '\\$&')}%`);
  }
  if (filters.targetType !== undefined) add((p) => `target_type = ${p}`, filters.targetType);
  if (filters.targetId !== undefined) add((p) => `target_id = ${p}`, filters.targetId);
  if (filters.from !== undefined) add((p) => `occurred_at >= ${p}`, new Date(filters.from));
  if (filters.to !== undefined) add((p) => `occurred_at < ${p}`, new Date(filters.to));
  if (filters.outcome !== undefined) add((p) => `outcome = ${p}`, filters.outcome);
  return { conditions, params };
}
