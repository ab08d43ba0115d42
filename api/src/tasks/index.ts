/**
 * The tasks module's public API: what the app root and ops (seed, benchmarks) may import.
 * Everything else under tasks/ is private to it (enforced by ESLint, docs/architecture.md).
 */

// For the app root.
export { TasksModule } from './tasks.module';
export { TasksService } from './tasks.service';

// The vocabulary and limits of a task (seed data, tests).
export {
  TASK_LIMITS,
  TASK_PRIORITIES,
  TASK_SORTS,
  TASK_STATUSES,
  TASK_TARGET_TYPE,
  type TaskPriority,
  type TaskSort,
  type TaskStatus,
} from './task.constants';
export type { TaskDto } from './dto/task.dto';

// For the seed: the audit `changes` of a created task, as the API records them.
export { creationChanges, type TaskState } from './task-changes';

// For the benchmark's raw-SQL baseline and query plans: the API's SQL, rows and their mapping.
export type { NewTask } from './task-changes';
export { TasksRepository } from './tasks.repository';
export {
  type TaskListRow,
  type TaskRow,
  type TaskStateColumns,
  taskStateOf,
  toTaskDto,
} from './task-row';
export { type TaskFilters, type TaskListSpec, taskCursorKeys } from './tasks.query';
export type { RunListQuery } from './task-list-plan';
