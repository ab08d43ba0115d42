import { type AuditEvent, priorityLabel, statusLabel } from './task-model';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  dueAt: 'Due',
  assigneeId: 'Assignee',
  labels: 'Labels',
  completedAt: 'Completed',
  deletedAt: 'Deleted',
  ownerId: 'Owner',
};

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'task.created': 'Created',
  'task.updated': 'Updated',
  'task.deleted': 'Deleted',
  'task.restored': 'Restored',
};

const DATE_FIELDS = new Set(['dueAt', 'completedAt', 'deletedAt']);

const FIELD_ORDER = Object.keys(FIELD_LABELS);

function fieldRank(field: string): number {
  const rank = FIELD_ORDER.indexOf(field);
  return rank === -1 ? FIELD_ORDER.length : rank;
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A field's value as a person reads it (history, conflict comparison). */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return statusLabel(value);
  if (field === 'priority' && typeof value === 'string') return priorityLabel(value);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDateTime(value);
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 119)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string;
}

export interface HistoryEntry {
  id: string;
  action: string;
  actor: string;
  occurredAt: string;
  outcome: string;
  /** Part of a bulk change. */
  bulk: boolean;
  changes: FieldChange[];
}

function isChange(value: unknown): value is { before?: unknown; after?: unknown } {
  return typeof value === 'object' && value !== null && ('after' in value || 'before' in value);
}

/** One audit event of a task as the history list shows it. */
export function historyEntry(event: AuditEvent): HistoryEntry {
  const changes: FieldChange[] = [];
  let bulk = false;
  const created = event.action === 'task.created';
  for (const [field, change] of Object.entries(event.changes ?? {})) {
    if (field === 'bulk') {
      bulk = true;
      continue;
    }
    if (!isChange(change)) continue;
    // A creation lists every field; empty ones say nothing.
    if (created && (change.after === null || change.after === '' || isEmptyList(change.after)))
      continue;
    changes.push({
      field,
      label: fieldLabel(field),
      before: created ? null : formatFieldValue(field, change.before),
      after: formatFieldValue(field, change.after),
    });
  }
  changes.sort((a, b) => fieldRank(a.field) - fieldRank(b.field));
  return {
    id: event.id,
    action: ACTION_LABELS[event.action] ?? event.action,
    actor: event.actor.display || event.actor.type,
    occurredAt: event.occurredAt,
    outcome: event.outcome,
    bulk,
    changes,
  };
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
