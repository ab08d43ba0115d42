import type { Params } from '@angular/router';
import type { AuditEventFilters } from './audit-log-api';

/** The filters the API takes, in the order the form shows them; also the URL query keys. */
export const FILTER_KEYS = [
  'action',
  'actorId',
  'targetType',
  'targetId',
  'outcome',
  'from',
  'to',
] as const satisfies readonly (keyof AuditEventFilters)[];

export type FilterKey = (typeof FILTER_KEYS)[number];

const OUTCOMES = ['success', 'failure'] as const;

function isOutcome(value: string): value is NonNullable<AuditEventFilters['outcome']> {
  return (OUTCOMES as readonly string[]).includes(value);
}

function isInstant(value: string): boolean {
  return !Number.isNaN(new Date(value).getTime());
}

/**
 * Filters from the URL query (`?action=task.&outcome=failure`): blanks dropped, values trimmed,
 * an unknown outcome or an unreadable time ignored rather than sent.
 */
export function filtersFromQuery(query: Readonly<Record<string, unknown>>): AuditEventFilters {
  const filters: AuditEventFilters = {};
  for (const key of FILTER_KEYS) {
    const raw = query[key];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) continue;
    if (key === 'outcome') {
      if (isOutcome(value)) filters.outcome = value;
    } else if (key === 'from' || key === 'to') {
      if (isInstant(value)) filters[key] = new Date(value).toISOString();
    } else {
      filters[key] = value;
    }
  }
  return filters;
}

/** Query params for `router.navigate` with `queryParamsHandling: 'merge'`: absent ones cleared. */
export function filtersToQuery(filters: AuditEventFilters): Params {
  const params: Params = {};
  for (const key of FILTER_KEYS) params[key] = filters[key] || null;
  return params;
}

export function hasFilters(filters: AuditEventFilters): boolean {
  return FILTER_KEYS.some((key) => Boolean(filters[key]));
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO instant as the value of an `<input type="datetime-local">` (local time, minutes). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A `datetime-local` value (local time) as an ISO instant in UTC, or undefined when blank. */
export function fromLocalInput(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const LABELS: Record<FilterKey, string> = {
  action: 'action starts with',
  actorId: 'actor',
  targetType: 'target type',
  targetId: 'target id',
  outcome: 'outcome',
  from: 'from',
  to: 'before',
};

/** A short human summary of active filters ("action starts with task., outcome failure"). */
export function describeFilters(filters: AuditEventFilters): string {
  const parts: string[] = [];
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (!value) continue;
    const shown = key === 'from' || key === 'to' ? new Date(value).toLocaleString() : value;
    parts.push(`${LABELS[key]} ${shown}`);
  }
  return parts.join(', ');
}
