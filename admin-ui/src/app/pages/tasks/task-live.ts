import type { TaskChange } from './task-events';

/** What the list does with one change from the stream. */
export type LiveAction =
  /** Already known (my own write, or an older event): nothing to do. */
  | 'ignore'
  /** The row's task was deleted: take it out. */
  | 'drop'
  /** The row's task changed: read it again and replace the row in place. */
  | 'refresh'
  /** Not on screen (new, restored, or changed elsewhere): count it for "N new changes". */
  | 'count';

export interface RowState {
  /** The highest version the list has seen of this task (from the server's answers). */
  knownVersion: number | undefined;
  /** The task has a row in the list. */
  shown: boolean;
  /** A write of mine to this task is in flight; its answer will bring the new state. */
  writing: boolean;
}

export function liveAction(change: TaskChange, row: RowState): LiveAction {
  if (row.knownVersion !== undefined && change.version <= row.knownVersion) return 'ignore';
  if (change.type === 'task.deleted') return row.shown ? 'drop' : 'ignore';
  if (row.writing && change.type === 'task.updated') return 'ignore';
  return row.shown ? 'refresh' : 'count';
}
