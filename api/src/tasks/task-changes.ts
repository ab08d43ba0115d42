import type { AuditChanges } from '../audit-log';
import type { TaskPriority, TaskStatus } from './task.constants';

/** The fields a caller may change on a task (PATCH and bulk). */
export interface TaskPatch {
  title?: string;
  description?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  dueAt?: Date | null;
  assigneeId?: string | null;
  labels?: string[];
}

/** The persisted, audited state of a task. */
export interface TaskState {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  dueAt: Date | null;
  assigneeId: string | null;
  labels: string[];
  completedAt: Date | null;
}

/** A task to create: its owner and state (`completedAt` follows from the status, in SQL). */
export interface NewTask extends Omit<TaskState, 'completedAt'> {
  ownerId: string;
}

/** A new task as requested, with the defaults of the fields the caller left out. */
export function newTask(requested: TaskPatch & { title: string }, ownerId: string): NewTask {
  return {
    title: requested.title,
    description: requested.description ?? '',
    status: requested.status ?? 'todo',
    priority: requested.priority ?? 'medium',
    dueAt: requested.dueAt ?? null,
    assigneeId: requested.assigneeId ?? null,
    labels: requested.labels ?? [],
    ownerId,
  };
}

/**
 * The state a new task is inserted with, `completedAt` still null: the database sets it (and
 * the create's audit event takes it from the inserted row).
 */
export function stateOfNew(task: NewTask): TaskState {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    dueAt: task.dueAt,
    assigneeId: task.assigneeId,
    labels: task.labels,
    completedAt: null,
  };
}

const comparable = (value: unknown): unknown =>
  value instanceof Date
    ? value.toISOString()
    : Array.isArray(value)
      ? JSON.stringify(value)
      : value;

const auditable = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : value;

/**
 * Applies a patch: the new state and the before/after of each field that really changed
 * (the audit event's `changes`). `completedAt` follows status: set when it becomes done,
 * cleared when it leaves done, untouched otherwise.
 */
export function applyTaskPatch(
  before: TaskState,
  patch: TaskPatch,
  now: Date,
): { after: TaskState; changes: AuditChanges } {
  const after: TaskState = { ...before };
  for (const field of Object.keys(patch) as Array<keyof TaskPatch>) {
    const value = patch[field];
    if (value === undefined) continue;
    (after as unknown as Record<string, unknown>)[field] = value;
  }
  if (after.status === 'done' && before.status !== 'done') after.completedAt = now;
  if (after.status !== 'done') after.completedAt = null;

  const changes: AuditChanges = {};
  for (const field of Object.keys(after) as Array<keyof TaskState>) {
    if (comparable(before[field]) !== comparable(after[field])) {
      changes[field] = { before: auditable(before[field]), after: auditable(after[field]) };
    }
  }
  return { after, changes };
}

/** A new task's audit `changes`: every field, as `after`. */
export function creationChanges(state: TaskState): AuditChanges {
  return Object.fromEntries(
    Object.entries(state).map(([field, value]) => [field, { after: auditable(value) }]),
  );
}
