import { LRUCache } from 'lru-cache';
import type { TaskListRow } from './task-row';
import {
  buildBoundedListQuery,
  buildTaskListQuery,
  buildWindowedListQuery,
  type SqlQuery,
  type TaskListSpec,
} from './tasks.query';

/** Runs one statement, returning its rows (the repository's read pool, or the bench's `pg`). */
export type RunListQuery = <Row>(query: SqlQuery) => Promise<Row[]>;

/** Rows of the sort index a filtered page first looks through (about 3 ms at 1M tasks). */
export const LIST_WINDOW = 1_000;
/** Matches below which a filtered page is found through the filters' own indexes instead. */
export const LIST_BOUND = 250;

/**
 * Filter sets recently found to have more than `LIST_BOUND` matches, so that their next pages
 * (page 2, a refresh, another admin's identical search) go from the window straight to the
 * single statement instead of counting the matches again. It only picks which statement runs: a
 * stale entry costs the single statement's time, never a wrong page. Per process; a minute
 * covers a user paging through one search, and 1,000 keys are a few kB.
 */
const manyMatches = new LRUCache<string, true>({ max: 1_000, ttl: 60_000 });

/** The same filters give the same key, whatever their order or the sort and cursor. */
function filtersKey(filters: TaskListSpec['filters']): string {
  return JSON.stringify(Object.entries(filters).sort(([a], [b]) => (a < b ? -1 : 1)));
}

interface WindowRow extends TaskListRow {
  hit: boolean;
  window_row: string;
}

interface BoundedRow extends TaskListRow {
  matched: string;
}

/**
 * Whether a page could degrade into a walk of the whole sort index. An admin's filtered page
 * (a search term, a label, a status, a due range) is read newest-first from the sort index with
 * the filters checked row by row; Postgres expects matches spread evenly, so a term found in no
 * task, or only in old ones, makes it read every live task (1.7 s at 1M tasks, measured in
 * docs/benchmarks.md). An assignee filter has its own sort indexes, and an employee's branches
 * are bounded by their own tasks, so those keep the one statement.
 */
function mayWalkSortIndex(spec: TaskListSpec): boolean {
  const { assigneeId, ...others } = spec.filters;
  return (
    spec.viewer.seesAll &&
    assigneeId === undefined &&
    Object.values(others).some((value) => value !== undefined)
  );
}

const withoutMarks = ({ hit: _hit, window_row: _windowRow, ...row }: WindowRow): TaskListRow => row;
const withoutCount = ({ matched: _matched, ...row }: BoundedRow): TaskListRow => row;

/**
 * One page of tasks, exactly what `buildTaskListQuery` returns, in at most three statements
 * whose cost is bounded where the single statement's is not:
 * 1. the next `LIST_WINDOW` rows in sort order, filtered: a page of common matches ends here;
 * 2. else at most `LIST_BOUND` matches found through the filters' indexes (GIN for a term or
 *    label), sorted: a rare or absent term ends here;
 * 3. else the single statement, which now has many matches to find. Filters found to have
 *    that many are remembered for a minute (`manyMatches`), and their next pages skip 2.
 * Each answer comes from one statement (one snapshot); earlier ones only decide what to run.
 */
export async function readTaskListPage(
  run: RunListQuery,
  spec: TaskListSpec,
): Promise<TaskListRow[]> {
  if (!mayWalkSortIndex(spec)) return run<TaskListRow>(buildTaskListQuery(spec));

  const window = await run<WindowRow>(buildWindowedListQuery(spec, LIST_WINDOW));
  const hits = window.filter((row) => row.hit);
  const windowFull = window.some((row) => Number(row.window_row) === LIST_WINDOW);
  if (hits.length >= spec.fetch || !windowFull) return hits.slice(0, spec.fetch).map(withoutMarks);

  const key = filtersKey(spec.filters);
  if (!manyMatches.has(key)) {
    const bounded = await run<BoundedRow>(buildBoundedListQuery(spec, LIST_BOUND));
    if (bounded.length === 0 || Number(bounded[0].matched) <= LIST_BOUND) {
      return bounded.map(withoutCount);
    }
    manyMatches.set(key, true);
  }
  return run<TaskListRow>(buildTaskListQuery(spec));
}
