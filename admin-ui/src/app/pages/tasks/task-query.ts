import type { Params } from '@angular/router';
import {
  DEFAULT_SORT,
  SORT_OPTIONS,
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskSort,
  type TaskStatus,
} from './task-model';

/** What the task list shows: the filters, search and sort, as kept in the URL. */
export interface TaskListQuery {
  status: TaskStatus[];
  priority: TaskPriority[];
  label: string;
  overdue: boolean;
  q: string;
  sort: TaskSort;
}

export const EMPTY_QUERY: TaskListQuery = {
  status: [],
  priority: [],
  label: '',
  overdue: false,
  q: '',
  sort: DEFAULT_SORT,
};

function firstString(value: unknown): string {
  if (Array.isArray(value)) return firstString(value[0]);
  return typeof value === 'string' ? value : '';
}

/** Known values only, each once, in the enum's order (so equal filters give equal URLs). */
function pick<T extends string>(value: unknown, allowed: readonly T[]): T[] {
  const raw = (Array.isArray(value) ? value : [value])
    .filter((item): item is string => typeof item === 'string')
    .flatMap((item) => item.split(','));
  return allowed.filter((candidate) => raw.includes(candidate));
}

/** The list query from URL query params; anything unknown or malformed is dropped. */
export function queryFromParams(params: Params): TaskListQuery {
  const sort = firstString(params['sort']);
  return {
    status: pick(params['status'], TASK_STATUSES),
    priority: pick(params['priority'], TASK_PRIORITIES),
    label: firstString(params['label']).trim().slice(0, TASK_LIMITS.labelMax),
    overdue: firstString(params['overdue']) === 'true',
    q: firstString(params['q']).trim().slice(0, TASK_LIMITS.searchMax),
    sort: SORT_OPTIONS.some((option) => option.value === sort) ? (sort as TaskSort) : DEFAULT_SORT,
  };
}

/**
 * URL query params for a list query: defaults are left out (`null` removes them from the URL
 * when merged), lists are comma-separated (`?status=todo,blocked`).
 */
export function paramsFromQuery(query: TaskListQuery): Params {
  return {
    status: query.status.length ? pick(query.status, TASK_STATUSES).join(',') : null,
    priority: query.priority.length ? pick(query.priority, TASK_PRIORITIES).join(',') : null,
    label: query.label.trim() || null,
    overdue: query.overdue ? 'true' : null,
    q: query.q.trim() || null,
    sort: query.sort === DEFAULT_SORT ? null : query.sort,
  };
}

export function sameQuery(a: TaskListQuery, b: TaskListQuery): boolean {
  return JSON.stringify(paramsFromQuery(a)) === JSON.stringify(paramsFromQuery(b));
}

export function hasFilters(query: TaskListQuery): boolean {
  return (
    query.status.length > 0 ||
    query.priority.length > 0 ||
    query.label !== '' ||
    query.overdue ||
    query.q !== ''
  );
}

/** The `listTasks` query parameters: stable key order, nothing empty (the URL is a cache key). */
export interface ListTasksParams {
  status?: TaskStatus[];
  priority?: TaskPriority[];
  label?: string;
  overdue?: boolean;
  q?: string;
  sort: TaskSort;
  limit: number;
  cursor?: string;
}

export function apiParams(query: TaskListQuery, cursor?: string | null): ListTasksParams {
  const params: ListTasksParams = { sort: query.sort, limit: TASK_LIMITS.pageSize };
  if (query.status.length) params.status = pick(query.status, TASK_STATUSES);
  if (query.priority.length) params.priority = pick(query.priority, TASK_PRIORITIES);
  if (query.label.trim()) params.label = query.label.trim();
  if (query.overdue) params.overdue = true;
  if (query.q.trim()) params.q = query.q.trim();
  if (cursor) params.cursor = cursor;
  return params;
}
