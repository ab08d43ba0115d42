import { CURSOR_KEYS, type CursorKey } from '../common/pagination/cursor';
import {
  TASK_PRIORITIES,
  type TaskPriority,
  type TaskSort,
  type TaskStatus,
} from './task.constants';
import type { TaskViewer } from './task-viewer';

/*
 * TasksRepository's SQL building blocks: the selected columns, the visibility condition and the
 * keyset-paginated list query. Pure functions, so tests can assert on the SQL they produce.
 */

/** The list filters, already validated and normalised. */
export interface TaskFilters {
  status?: TaskStatus[];
  priority?: TaskPriority[];
  assigneeId?: string;
  label?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  overdue?: boolean;
  q?: string;
}

export interface TaskListSpec {
  viewer: TaskViewer;
  filters: TaskFilters;
  sort: TaskSort;
  /** Rows to fetch (the page size plus one, to learn whether another page exists). */
  fetch: number;
  /** Keyset position after which to start: [sort key as text, id]. */
  after?: string[];
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/**
 * Sort keys and the types their text form casts back to. Each matches, expression for
 * expression, the indexes of migration 1763923000000 (`tasks_*_{created,due,priority}_idx`).
 */
const SORT_KEYS = {
  createdAt: { expr: 't.created_at', type: 'timestamptz', cursor: CURSOR_KEYS.timestamp },
  dueAt: {
    expr: `COALESCE(t.due_at, 'infinity'::timestamptz)`,
    type: 'timestamptz',
    cursor: CURSOR_KEYS.either(CURSOR_KEYS.timestamp, CURSOR_KEYS.oneOf(['infinity'])),
  },
  priority: {
    expr: 't.priority',
    type: 'task_priority',
    cursor: CURSOR_KEYS.oneOf(TASK_PRIORITIES),
  },
} as const;

/** What a cursor for `sort` holds, checked by type before it is cast: [sort key, id]. */
export function taskCursorKeys(sort: TaskSort): CursorKey[] {
  return [SORT_KEYS[sort.replace(/^-/, '') as keyof typeof SORT_KEYS].cursor, CURSOR_KEYS.uuid];
}

/** The stored full-text vector (GIN-indexed by `tasks_search_idx`, kept by a trigger). */
export const SEARCH_VECTOR = 't.search';

export const TASK_COLUMNS = `t.id, t.title, t.description, t.status, t.priority, t.due_at, t.assignee_id,
  t.labels, t.owner_id, t.created_at, t.updated_at, t.completed_at, t.version`;

/** Collects positional parameters ($1, $2, …) while SQL is assembled. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function filterConditions(filters: TaskFilters, params: Params): string[] {
  const where: string[] = [];
  if (filters.status?.length)
    where.push(`t.status = ANY(${params.add(filters.status)}::task_status[])`);
  if (filters.priority?.length) {
    where.push(`t.priority = ANY(${params.add(filters.priority)}::task_priority[])`);
  }
  if (filters.assigneeId) where.push(`t.assignee_id = ${params.add(filters.assigneeId)}::uuid`);
  if (filters.label) where.push(`t.labels @> ARRAY[${params.add(filters.label)}::text]`);
  if (filters.dueBefore) where.push(`t.due_at < ${params.add(filters.dueBefore)}::timestamptz`);
  if (filters.dueAfter) where.push(`t.due_at >= ${params.add(filters.dueAfter)}::timestamptz`);
  if (filters.overdue === true) where.push(`t.due_at < now() AND t.status <> 'done'`);
  if (filters.overdue === false)
    where.push(`NOT (t.due_at IS NOT NULL AND t.due_at < now() AND t.status <> 'done')`);
  if (filters.q)
    where.push(`${SEARCH_VECTOR} @@ websearch_to_tsquery('simple', ${params.add(filters.q)})`);
  return where;
}

/** What every form of the list query is built from: one parameter list, so the parts agree. */
interface ListParts {
  params: Params;
  key: (typeof SORT_KEYS)[keyof typeof SORT_KEYS];
  /** `ASC` or `DESC`, from the sort's sign. */
  direction: 'ASC' | 'DESC';
  /** `ORDER BY` of a branch: the sort key, then id, both in the sort direction. */
  order: string;
  /** Live rows at or after the cursor: what any branch reads from. */
  position: string[];
  /** The caller's filters (without visibility). */
  filters: string[];
}

function listParts(spec: TaskListSpec): ListParts {
  const params = new Params();
  const descending = spec.sort.startsWith('-');
  const key = SORT_KEYS[spec.sort.replace(/^-/, '') as keyof typeof SORT_KEYS];
  const direction = descending ? 'DESC' : 'ASC';
  const filters = filterConditions(spec.filters, params);
  const position = ['t.deleted_at IS NULL'];
  if (spec.after) {
    const [sortKey, id] = spec.after;
    position.push(
      `(${key.expr}, t.id) ${descending ? '<' : '>'} (${params.add(sortKey)}::${key.type}, ${params.add(id)}::uuid)`,
    );
  }
  const order = `${key.expr} ${direction}, t.id ${direction}`;
  return { params, key, direction, order, position, filters };
}

/** The selected columns of a list row: the task, its sort key, and that key as cursor text. */
function listColumns(key: ListParts['key']): string {
  return `${TASK_COLUMNS}, ${key.expr} AS sort_value, (${key.expr})::text AS sort_key`;
}

/**
 * One page of tasks by keyset pagination: `(sortKey, id)` is a total order, and the page starts
 * strictly after the cursor's row, so page 1,000 costs an index seek like page 1.
 *
 * For employees, visibility `owner_id = me OR assignee_id = me` is two index ranges: the query
 * reads each branch in order from its own index (`tasks_owner_*`, `tasks_assignee_*`), at most
 * `fetch` rows each, and merges them (UNION ALL; the second branch skips rows the caller owns,
 * so none appears twice). An OR would make Postgres bitmap-scan and sort every visible row.
 */
export function buildTaskListQuery(spec: TaskListSpec): SqlQuery {
  const { params, key, direction, order, position, filters } = listParts(spec);
  const common = [...filters, ...position];
  const limit = params.add(spec.fetch);
  const branch = (extra: string[]) =>
    `SELECT ${listColumns(key)}
     FROM tasks t
     WHERE ${[...extra, ...common].join('\n       AND ')}
     ORDER BY ${order}
     LIMIT ${limit}`;

  if (spec.viewer.seesAll) return { text: branch([]), values: params.values };

  const me = params.add(spec.viewer.userId);
  const text = `SELECT * FROM (
    (${branch([`t.owner_id = ${me}::uuid`])})
    UNION ALL
    (${branch([`t.assignee_id = ${me}::uuid`, `t.owner_id <> ${me}::uuid`])})
  ) page
  ORDER BY page.sort_value ${direction}, page.id ${direction}
  LIMIT ${limit}`;
  return { text, values: params.values };
}

/**
 * The first `window` live rows after the cursor in sort order, straight from the sort index,
 * each marked `hit` when it passes the filters. Returns the hits in order, stopping at `fetch`
 * of them, plus the window's last row whatever it is (`window_row = window`): its presence
 * says the window was full, so fewer than `fetch` hits are not yet the whole answer.
 */
export function buildWindowedListQuery(spec: TaskListSpec, window: number): SqlQuery {
  const { params, key, direction, order, position, filters } = listParts(spec);
  const size = params.add(window);
  const text = `SELECT * FROM (
    SELECT ${listColumns(key)},
      (${filters.length ? filters.join(' AND ') : 'TRUE'}) IS TRUE AS hit,
      row_number() OVER (ORDER BY ${order}) AS window_row
    FROM tasks t
    WHERE ${position.join(' AND ')}
    ORDER BY ${order}
    LIMIT ${size}
  ) w
  WHERE w.hit OR w.window_row = ${size}
  ORDER BY w.sort_value ${direction}, w.id ${direction}
  LIMIT ${params.add(spec.fetch + 1)}`;
  return { text, values: params.values };
}

/**
 * At most `bound + 1` rows that pass the filters, found by whatever index suits the filters
 * (GIN for a search term or label, no ordering), sorted, first `fetch` returned. `matched` is
 * how many were found: at most `bound` means these were all of them, so the page is exact.
 */
export function buildBoundedListQuery(spec: TaskListSpec, bound: number): SqlQuery {
  const { params, key, direction, position, filters } = listParts(spec);
  const text = `SELECT c.*, count(*) OVER () AS matched FROM (
    SELECT ${listColumns(key)}
    FROM tasks t
    WHERE ${[...filters, ...position].join(' AND ')}
    LIMIT ${params.add(bound + 1)}
  ) c
  ORDER BY c.sort_value ${direction}, c.id ${direction}
  LIMIT ${params.add(spec.fetch)}`;
  return { text, values: params.values };
}

/** SQL condition (and its parameters appended to `values`) for "visible to this viewer". */
export function visibleCondition(viewer: TaskViewer, values: unknown[], alias = 't'): string {
  if (viewer.seesAll) return 'TRUE';
  values.push(viewer.userId);
  const me = `$${values.length}::uuid`;
  return `(${alias}.owner_id = ${me} OR ${alias}.assignee_id = ${me})`;
}
