import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditEventInput, outboxInsert } from '../audit-log';
import { queryRows } from '../common/database/query-rows';
import { ReadRouter } from '../common/database/read-router';
import type { DailyCountDto } from '../common/stats/daily-count.dto';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from './task.constants';
import type { NewTask, TaskState } from './task-changes';
import type { TaskListRow, TaskRow, TaskRowWithDeletedAt } from './task-row';
import { readTaskListPage, type RunListQuery } from './task-list-plan';
import type { TaskViewer } from './task-viewer';
import {
  buildTaskListQuery,
  TASK_COLUMNS,
  type SqlQuery,
  type TaskListSpec,
  visibleCondition,
} from './tasks.query';

/** Counts over the live tasks a viewer can see. */
export interface TaskCounts {
  byStatus: Record<TaskStatus, number>;
  byPriority: Record<TaskPriority, number>;
  overdue: number;
  dueNext7Days: number;
}

/** The row a version-checked write matched: the one the caller read (and locked). */
type ReadVersion = Pick<TaskRow, 'id' | 'version'>;

/** How many UTC days `completedPerDay` covers, today included. */
const COMPLETION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * All SQL over `tasks`. Reads outside a transaction run on a pool: lists and stats where the
 * viewer's reads go (`ReadRouter`: a read replica that has their own writes, else the
 * primary), a task by id on the primary's (`queryRows`), as it is what a change starts from
 * (its ETag) and what a notified user opens. Writes and locking reads take the caller's
 * EntityManager so they commit with the service's audit event. Visibility is always part of
 * the SQL, never a filter applied afterwards.
 */
@Injectable()
export class TasksRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
  ) {}

  /**
   * The list's statements and the insert as text and parameters: public and static so the
   * benchmark's raw `pg` baseline (ops/bench/tasks) runs exactly the SQL the API runs.
   * `listPage` runs one to three statements on `run` (task-list-plan.ts).
   */
  static listPage(run: RunListQuery, spec: TaskListSpec): Promise<TaskListRow[]> {
    return readTaskListPage(run, spec);
  }

  /** The list as one statement, as it was before `listPage` (ops/bench/tasks/list-plan.ts). */
  static listQuery(spec: TaskListSpec): SqlQuery {
    return buildTaskListQuery(spec);
  }

  static insertQuery(task: NewTask): SqlQuery {
    return {
      text: `INSERT INTO tasks AS t (title, description, status, priority, due_at, assignee_id, labels, owner_id, completed_at)
             VALUES ($1, $2, $3::task_status, $4::task_priority, $5, $6, $7, $8, CASE WHEN $3::task_status = 'done' THEN now() END)
             RETURNING ${TASK_COLUMNS}`,
      values: [
        task.title,
        task.description,
        task.status,
        task.priority,
        task.dueAt,
        task.assigneeId,
        task.labels,
        task.ownerId,
      ],
    };
  }

  /**
   * Inserts a task and its audit event in one statement (atomic without BEGIN/COMMIT, one round
   * trip): in the caller's transaction when given its EntityManager, else on the pool. The
   * event's `changes` must hold every field of the new task; the database decides the stored
   * form of two of them, so their `after` is taken from the inserted row: `assigneeId` (a uuid's
   * text) and `completedAt` (`now()` when created done), formatted as `Date#toISOString` formats
   * the row's value (pg's Date keeps whole milliseconds, truncated).
   */
  async insertWithEvent(
    task: NewTask,
    event: AuditEventInput,
    manager?: EntityManager,
  ): Promise<TaskRow> {
    const { text, values } = TasksRepository.insertQuery(task);
    const recorded = outboxInsert(event, values, {
      from: 'created',
      targetId: 'created.id::text',
      changes: (redacted) =>
        `jsonb_set(jsonb_set(${redacted},
           '{assigneeId,after}', COALESCE(to_jsonb(created.assignee_id::text), 'null')),
           '{completedAt,after}', COALESCE(to_jsonb(to_char(
             date_trunc('milliseconds', created.completed_at AT TIME ZONE 'UTC'),
             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), 'null'))`,
    });
    const statement = `WITH created AS (${text}), recorded AS (${recorded}) SELECT * FROM created`;
    const rows: TaskRow[] = manager
      ? await manager.query(statement, values)
      : await queryRows<TaskRow>(this.dataSource, statement, values);
    return rows[0];
  }

  /** One page (plus one row, when `spec.fetch` asks for it) of the tasks the viewer can see. */
  list(spec: TaskListSpec): Promise<TaskListRow[]> {
    return TasksRepository.listPage(
      <T>({ text, values }: SqlQuery) => this.reads.rows<T>(spec.viewer.userId, text, values),
      spec,
    );
  }

  /** A live task the viewer can see. */
  async findVisible(viewer: TaskViewer, id: string): Promise<TaskRow | undefined> {
    const values: unknown[] = [id];
    const visible = visibleCondition(viewer, values);
    const rows = await queryRows<TaskRow>(
      this.dataSource,
      `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = $1 AND t.deleted_at IS NULL AND ${visible}`,
      values,
    );
    return rows[0];
  }

  /** Whether the viewer can see the task, soft-deleted or not. */
  async existsVisible(viewer: TaskViewer, id: string): Promise<boolean> {
    const values: unknown[] = [id];
    const visible = visibleCondition(viewer, values);
    const rows = await queryRows(
      this.dataSource,
      `SELECT 1 FROM tasks t WHERE t.id = $1 AND ${visible}`,
      values,
    );
    return rows.length > 0;
  }

  /** Locks a task the viewer can see: only a live one, or also a soft-deleted one (`any`). */
  async lockVisible(
    manager: EntityManager,
    viewer: TaskViewer,
    id: string,
    which: 'live' | 'any',
  ): Promise<TaskRowWithDeletedAt | undefined> {
    const values: unknown[] = [id];
    const visible = visibleCondition(viewer, values);
    const rows: TaskRowWithDeletedAt[] = await manager.query(
      `SELECT ${TASK_COLUMNS}, t.deleted_at FROM tasks t
       WHERE t.id = $1 ${which === 'live' ? 'AND t.deleted_at IS NULL' : ''} AND ${visible}
       FOR UPDATE`,
      values,
    );
    return rows[0];
  }

  /** Locks those of `ids` that are live and visible, in id order (the others are absent). */
  lockVisibleLive(
    manager: EntityManager,
    viewer: TaskViewer,
    ids: string[],
  ): Promise<TaskRowWithDeletedAt[]> {
    const values: unknown[] = [ids];
    const visible = visibleCondition(viewer, values);
    // In id order, so concurrent bulk updates over overlapping sets cannot deadlock.
    return manager.query<TaskRowWithDeletedAt[]>(
      `SELECT ${TASK_COLUMNS}, t.deleted_at FROM tasks t
           WHERE t.id = ANY($1::uuid[]) AND t.deleted_at IS NULL AND ${visible}
           ORDER BY t.id FOR UPDATE`,
      values,
    );
  }

  /** Writes `state` as the next version; `undefined` when the task is no longer at `read`'s. */
  async update(
    manager: EntityManager,
    read: ReadVersion,
    state: TaskState,
  ): Promise<TaskRow | undefined> {
    const result: unknown = await manager.query(
      `UPDATE tasks t SET title = $3, description = $4, status = $5::task_status, priority = $6::task_priority, due_at = $7,
         assignee_id = $8, labels = $9, completed_at = $10, updated_at = now(), version = t.version + 1
       WHERE t.id = $1 AND t.version = $2
       RETURNING ${TASK_COLUMNS}`,
      [
        read.id,
        read.version,
        state.title,
        state.description,
        state.status,
        state.priority,
        state.dueAt,
        state.assigneeId,
        state.labels,
        state.completedAt,
      ],
    );
    return updatedRows<TaskRow>(result)[0];
  }

  /** Soft-deletes or restores as the next version; `undefined` when the version moved. */
  async setDeleted(
    manager: EntityManager,
    read: ReadVersion,
    deleted: boolean,
  ): Promise<TaskRowWithDeletedAt | undefined> {
    const result: unknown = await manager.query(
      `UPDATE tasks t SET deleted_at = ${deleted ? 'now()' : 'NULL'}, updated_at = now(), version = t.version + 1
       WHERE t.id = $1 AND t.version = $2
       RETURNING ${TASK_COLUMNS}, t.deleted_at`,
      [read.id, read.version],
    );
    return updatedRows<TaskRowWithDeletedAt>(result)[0];
  }

  async countLive(viewer: TaskViewer): Promise<TaskCounts> {
    const values: unknown[] = [];
    const visible = visibleCondition(viewer, values);
    const counts = (column: string, names: readonly string[]) =>
      names
        .map(
          (name) => `count(*) FILTER (WHERE t.${column} = '${name}')::int AS "${column}:${name}"`,
        )
        .join(', ');
    const [totals] = await this.reads.rows<Record<string, number>>(
      viewer.userId,
      `SELECT ${counts('status', TASK_STATUSES)}, ${counts('priority', TASK_PRIORITIES)},
         count(*) FILTER (WHERE t.status <> 'done' AND t.due_at < now())::int AS overdue,
         count(*) FILTER (WHERE t.status <> 'done' AND t.due_at >= now()
                          AND t.due_at < now() + interval '7 days')::int AS "dueNext7Days"
       FROM tasks t WHERE t.deleted_at IS NULL AND ${visible}`,
      values,
    );
    const pick = <Name extends string>(column: string, names: readonly Name[]) =>
      Object.fromEntries(names.map((name) => [name, totals?.[`${column}:${name}`] ?? 0])) as Record<
        Name,
        number
      >;
    return {
      byStatus: pick('status', TASK_STATUSES),
      byPriority: pick('priority', TASK_PRIORITIES),
      overdue: totals?.overdue ?? 0,
      dueNext7Days: totals?.dueNext7Days ?? 0,
    };
  }

  /** Completions of live visible tasks per UTC day, the last 30 days, oldest first, zeros included. */
  async completedPerDay(viewer: TaskViewer): Promise<DailyCountDto[]> {
    const values: unknown[] = [];
    const visible = visibleCondition(viewer, values);
    const daily = await this.reads.rows<{ date: string; count: number }>(
      viewer.userId,
      `SELECT to_char(t.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, count(*)::int AS count
       FROM tasks t
       WHERE t.deleted_at IS NULL AND t.completed_at IS NOT NULL
         AND t.completed_at >= (date_trunc('day', now() AT TIME ZONE 'UTC') - interval '${COMPLETION_DAYS - 1} days') AT TIME ZONE 'UTC'
         AND ${visible}
       GROUP BY 1`,
      values,
    );
    const perDay = new Map(daily.map((row) => [row.date, row.count]));
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return Array.from({ length: COMPLETION_DAYS }, (_, index) => {
      const date = new Date(today - (COMPLETION_DAYS - 1 - index) * DAY_MS)
        .toISOString()
        .slice(0, 10);
      return { date, count: perDay.get(date) ?? 0 };
    });
  }
}

/** TypeORM answers an UPDATE … RETURNING with `[rows, affectedCount]`. */
function updatedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
