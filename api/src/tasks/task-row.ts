import type { TaskDto } from './dto/task.dto';
import type { TaskState } from './task-changes';

/** A task row as `TASK_COLUMNS` selects it (pg parses timestamptz to Date, text[] to string[]). */
export interface TaskRow {
  id: string;
  title: string;
  description: string;
  status: TaskDto['status'];
  priority: TaskDto['priority'];
  due_at: Date | null;
  assignee_id: string | null;
  labels: string[];
  owner_id: string;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  version: number;
}

/** A list row also carries its sort key as text, for the next page's cursor. */
export interface TaskListRow extends TaskRow {
  sort_key: string;
}

/** A row read for a change, which also needs to know whether the task is soft-deleted. */
export interface TaskRowWithDeletedAt extends TaskRow {
  deleted_at: Date | null;
}

export function toTaskDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    dueAt: row.due_at?.toISOString() ?? null,
    assigneeId: row.assignee_id,
    labels: row.labels,
    ownerId: row.owner_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    version: row.version,
  };
}

/** The columns of a row that make up a task's state. */
export type TaskStateColumns = Pick<
  TaskRow,
  | 'title'
  | 'description'
  | 'status'
  | 'priority'
  | 'due_at'
  | 'assignee_id'
  | 'labels'
  | 'completed_at'
>;

/** The fields a patch may change and the audit log records. */
export function taskStateOf(row: TaskStateColumns): TaskState {
  return {
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    dueAt: row.due_at,
    assigneeId: row.assignee_id,
    labels: row.labels,
    completedAt: row.completed_at,
  };
}
