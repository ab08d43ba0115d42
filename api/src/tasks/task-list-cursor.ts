import { decodeCursor, encodeCursor, queryFingerprint } from '../common/pagination/cursor';
import type { TaskSort } from './task.constants';
import type { TaskListRow } from './task-row';
import { type TaskFilters, taskCursorKeys } from './tasks.query';

/**
 * The task list's cursors: a keyset position `[sort key, id]` bound to the sort and filters it
 * was issued for, but not to the limit, which may change from page to page.
 */
export class TaskListCursor {
  private readonly fingerprint: string;

  constructor(
    private readonly sort: TaskSort,
    filters: TaskFilters,
  ) {
    this.fingerprint = queryFingerprint({
      sort,
      ...filters,
      dueBefore: filters.dueBefore?.toISOString(),
      dueAfter: filters.dueAfter?.toISOString(),
    });
  }

  /** The position a page starts after; a 400 for a cursor issued for another query. */
  decode(cursor: string | undefined): string[] | undefined {
    if (cursor === undefined) return undefined;
    return decodeCursor(cursor, this.fingerprint, taskCursorKeys(this.sort));
  }

  /** The cursor of the page that follows `row`. */
  after(row: TaskListRow): string {
    return encodeCursor(this.fingerprint, [row.sort_key, row.id]);
  }
}
