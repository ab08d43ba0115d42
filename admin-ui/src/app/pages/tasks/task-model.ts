import type { Schema } from '@tasktrackr/sdk';

export type Task = Schema<'Task'>;
export type TaskStatus = Schema<'TaskStatus'>;
export type TaskPriority = Schema<'TaskPriority'>;
export type TaskSort = Schema<'TaskSort'>;
export type CreateTask = Schema<'CreateTask'>;
export type UpdateTask = Schema<'UpdateTask'>;
export type BulkTaskChanges = Schema<'BulkTaskChanges'>;
export type TaskPage = Schema<'TaskPage'>;
export type TaskHistoryPage = Schema<'TaskHistoryPage'>;
export type AuditEvent = Schema<'AuditEvent'>;

/** The API's limits (api/src/tasks/task.constants.ts), mirrored for client-side validation. */
export const TASK_LIMITS = {
  titleMax: 200,
  descriptionMax: 10_000,
  labelsMax: 20,
  labelMax: 40,
  searchMax: 200,
  pageSize: 25,
  bulkMax: 500,
} as const;

export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done'];
export const TASK_PRIORITIES: readonly TaskPriority[] = ['low', 'medium', 'high', 'urgent'];

export const STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  todo: 'To do',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
};

export const PRIORITY_LABELS: Readonly<Record<TaskPriority, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

export interface SortOption {
  value: TaskSort;
  label: string;
}

/** Every `TaskSort` the API accepts, worded for people; the first is the API's default. */
export const SORT_OPTIONS: readonly SortOption[] = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'dueAt', label: 'Due soonest' },
  { value: '-dueAt', label: 'Due latest' },
  { value: '-priority', label: 'Highest priority' },
  { value: 'priority', label: 'Lowest priority' },
];
export const DEFAULT_SORT: TaskSort = '-createdAt';

/** The strong validator the API sends and expects in `If-Match`: `"<id>:<version>"`. */
export function taskETag(task: Pick<Task, 'id' | 'version'>): string {
  return `"${task.id}:${task.version}"`;
}

/** Past due and not done (the API's `overdue` filter, judged on the client for highlighting). */
export function isOverdue(task: Pick<Task, 'dueAt' | 'status'>, now = Date.now()): boolean {
  return task.status !== 'done' && task.dueAt !== null && Date.parse(task.dueAt) < now;
}

/** The assignee as the list shows it: there is no user lookup for employees. */
export function assigneeLabel(assigneeId: string | null, myId: string | null | undefined): string {
  if (!assigneeId) return '—';
  if (assigneeId === myId) return 'me';
  return assigneeId.slice(0, 8);
}

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as TaskStatus] ?? status;
}

export function priorityLabel(priority: string): string {
  return PRIORITY_LABELS[priority as TaskPriority] ?? priority;
}
