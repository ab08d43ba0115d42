/** Task states, in workflow order. Stored as the Postgres enum `task_status`. */
export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Priorities from lowest to highest. Stored as the Postgres enum `task_priority`, whose sort
 * order is this declaration order, so `ORDER BY priority` ranks them without a CASE.
 */
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_SORTS = [
  'createdAt',
  '-createdAt',
  'dueAt',
  '-dueAt',
  'priority',
  '-priority',
] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

export const TASK_LIMITS = {
  titleMax: 200,
  descriptionMax: 10_000,
  labelsMax: 20,
  labelMax: 40,
  pageMax: 100,
  pageDefault: 25,
  bulkMax: 500,
  searchMax: 200,
  historyPageMax: 100,
  historyPageDefault: 50,
} as const;

/** The audit target type of task events. */
export const TASK_TARGET_TYPE = 'task';
