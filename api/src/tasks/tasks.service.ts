import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditChanges } from '../audit-log';
import { auditActorOf } from '../common/access/audit-actor';
import { AuditLogService } from '../audit-log';
import type { Principal } from '../common/access/principal';
import type { RequestContext } from '../common/http/request-context';
import { IdempotencyService, StoredResponse } from '../common/idempotency/idempotency.service';
import { decodeCursor, encodeCursor, queryFingerprint } from '../common/pagination/cursor';
import type { Page } from '../common/pagination/page.dto';
import { ProblemException } from '../common/problem/problem.exception';
import { invalidFields } from '../common/problem/validation-errors';
import { BulkUpdateTasksDto } from './dto/bulk-update-tasks.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query.dto';
import { TaskStatsDto } from './dto/task-stats.dto';
import { TaskDto } from './dto/task.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TASK_LIMITS, TASK_PRIORITIES, TASK_STATUSES, TASK_TARGET_TYPE } from './task.constants';
import { applyTaskPatch, TaskPatch, TaskState } from './task-changes';
import { expectedVersionFromIfMatch, taskETag } from './task-etag';
import { TaskChangeMessage, TaskEventsService, TaskEventType } from './task-events.service';
import {
  buildTaskListQuery,
  TASK_COLUMNS,
  taskCursorKeys,
  TaskViewer,
  visibleCondition,
} from './tasks.query';

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

function stateOf(row: TaskRow): TaskState {
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

export function viewerOf(principal: Principal): TaskViewer {
  return { userId: principal.userId, seesAll: principal.roles.includes('admin') };
}

const notFound = () =>
  new ProblemException({
    status: HttpStatus.NOT_FOUND,
    title: 'Task not found',
    detail: 'No such task.',
  });

/** Postgres error codes we translate into client errors. */
const FOREIGN_KEY_VIOLATION = '23503';

function isPgError(error: unknown, code: string): boolean {
  const driverError = (error as { driverError?: { code?: string }; code?: string }) ?? {};
  return driverError.code === code || driverError.driverError?.code === code;
}

/** An unknown assignee surfaces as a field error rather than a 500. */
async function translateWriteErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPgError(error, FOREIGN_KEY_VIOLATION)) {
      throw invalidFields(
        [{ path: 'assigneeId', message: 'assigneeId does not name a user' }],
        'assigneeId does not name a user',
      );
    }
    throw error;
  }
}

export interface CreatedTask {
  response: StoredResponse<TaskDto>;
  replayed: boolean;
}

/**
 * The task domain: visibility, optimistic concurrency, soft delete, bulk changes, stats.
 * Every change commits together with its audit event, then is announced over Redis.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
    private readonly idempotency: IdempotencyService,
    private readonly events: TaskEventsService,
  ) {}

  async create(
    principal: Principal,
    dto: CreateTaskDto,
    context: RequestContext,
    idempotencyKey: string | undefined,
  ): Promise<CreatedTask> {
    const result = await translateWriteErrors(() =>
      this.idempotency.execute<TaskDto>(
        {
          scope: `user:${principal.userId}`,
          key: idempotencyKey,
          operation: 'createTask',
          body: dto,
        },
        async (manager) => {
          const status = dto.status ?? 'todo';
          const rows: TaskRow[] = await manager.query(
            `INSERT INTO tasks AS t (title, description, status, priority, due_at, assignee_id, labels, owner_id, completed_at)
             VALUES ($1, $2, $3::task_status, $4::task_priority, $5, $6, $7, $8, CASE WHEN $3::task_status = 'done' THEN now() END)
             RETURNING ${TASK_COLUMNS}`,
            [
              dto.title,
              dto.description ?? '',
              status,
              dto.priority ?? 'medium',
              dto.dueAt ?? null,
              dto.assigneeId ?? null,
              dto.labels ?? [],
              principal.userId,
            ],
          );
          const task = toTaskDto(rows[0]);
          const after = stateOf(rows[0]);
          await this.audit.record(manager, {
            action: 'task.created',
            actor: auditActorOf(principal),
            target: { type: TASK_TARGET_TYPE, id: task.id },
            changes: creationChanges(after),
            outcome: 'success',
            context,
          });
          return {
            status: HttpStatus.CREATED,
            headers: { Location: `/api/v1/tasks/${task.id}`, ETag: taskETag(task) },
            body: task,
          };
        },
      ),
    );
    if (!result.replayed) {
      const task = result.response.body;
      await this.events.publish([message('task.created', task, [task.ownerId, task.assigneeId])]);
    }
    return result;
  }

  async get(principal: Principal, id: string): Promise<TaskDto> {
    const values: unknown[] = [id];
    const visible = visibleCondition(viewerOf(principal), values);
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = $1 AND t.deleted_at IS NULL AND ${visible}`,
      values,
    );
    if (!rows[0]) throw notFound();
    return toTaskDto(rows[0]);
  }

  async list(principal: Principal, query: ListTasksQueryDto): Promise<Page<TaskDto>> {
    if (query.dueAfter && query.dueBefore && query.dueAfter >= query.dueBefore) {
      throw invalidFields(
        [{ path: 'dueAfter', message: 'dueAfter must be earlier than dueBefore' }],
        'dueAfter must be earlier than dueBefore',
      );
    }
    const { cursor, limit = TASK_LIMITS.pageDefault, sort = '-createdAt', ...filters } = query;
    const viewer = viewerOf(principal);
    // The cursor is bound to the sort and filters (not the limit, which may change per page).
    const fingerprint = queryFingerprint({
      sort,
      ...filters,
      dueBefore: filters.dueBefore?.toISOString(),
      dueAfter: filters.dueAfter?.toISOString(),
    });
    const after =
      cursor === undefined ? undefined : decodeCursor(cursor, fingerprint, taskCursorKeys(sort));
    const { text, values } = buildTaskListQuery({ viewer, filters, sort, fetch: limit + 1, after });
    let rows: Array<TaskRow & { sort_key: string }>;
    try {
      rows = await this.dataSource.query(text, values);
    } catch (error) {
      // A well-formed cursor whose values do not cast (edited by hand) is still a bad cursor.
      if (after && isPgError(error, '22P02')) throw decodeCursorFailure();
      if (after && isPgError(error, '22007')) throw decodeCursorFailure();
      throw error;
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toTaskDto),
      nextCursor:
        rows.length > limit && last ? encodeCursor(fingerprint, [last.sort_key, last.id]) : null,
    };
  }

  async update(
    principal: Principal,
    id: string,
    dto: UpdateTaskDto,
    ifMatch: string | undefined,
    context: RequestContext,
  ): Promise<TaskDto> {
    const { task, changed, before } = await translateWriteErrors(() =>
      this.dataSource.transaction(async (manager) => {
        const row = await this.lockVisible(manager, principal, id, 'live');
        this.checkIfMatch(row, ifMatch);
        return this.applyChange(manager, principal, row, dto, context);
      }),
    );
    if (changed) {
      await this.events.publish([
        message('task.updated', task, [task.ownerId, task.assigneeId, before.assignee_id]),
      ]);
    }
    return task;
  }

  async remove(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    context: RequestContext,
  ) {
    const task = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockVisible(manager, principal, id, 'live');
      this.checkIfMatch(row, ifMatch);
      return this.setDeleted(manager, principal, row, true, context);
    });
    await this.events.publish([message('task.deleted', task, [task.ownerId, task.assigneeId])]);
  }

  async restore(principal: Principal, id: string, context: RequestContext): Promise<TaskDto> {
    const { task, changed } = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockVisible(manager, principal, id, 'any');
      if (row.deleted_at === null) return { task: toTaskDto(row), changed: false };
      return {
        task: await this.setDeleted(manager, principal, row, false, context),
        changed: true,
      };
    });
    if (changed) {
      await this.events.publish([message('task.restored', task, [task.ownerId, task.assigneeId])]);
    }
    return task;
  }

  /** All or nothing: every id must be a live task the caller can see, else nothing changes. */
  async bulkUpdate(
    principal: Principal,
    dto: BulkUpdateTasksDto,
    context: RequestContext,
  ): Promise<TaskDto[]> {
    const patch: TaskPatch = dto.changes;
    if (Object.values(patch).every((value) => value === undefined)) {
      throw invalidFields(
        [{ path: 'changes', message: 'changes must name at least one field' }],
        'changes must name at least one field',
      );
    }
    const results = await translateWriteErrors(() =>
      this.dataSource.transaction(async (manager) => {
        const values: unknown[] = [dto.ids];
        const visible = visibleCondition(viewerOf(principal), values);
        // Lock in id order so concurrent bulk updates over overlapping sets cannot deadlock.
        const rows: Array<TaskRow & { deleted_at: Date | null }> = await manager.query(
          `SELECT ${TASK_COLUMNS}, t.deleted_at FROM tasks t
           WHERE t.id = ANY($1::uuid[]) AND t.deleted_at IS NULL AND ${visible}
           ORDER BY t.id FOR UPDATE`,
          values,
        );
        if (rows.length !== dto.ids.length) {
          const found = new Set(rows.map((row) => row.id));
          const missing = dto.ids.filter((taskId) => !found.has(taskId));
          throw new ProblemException({
            status: HttpStatus.NOT_FOUND,
            title: 'Task not found',
            detail: `${missing.length} of the tasks do not exist or are not visible; nothing was changed.`,
            extensions: { missingIds: missing },
          });
        }
        const byId = new Map(rows.map((row) => [row.id, row]));
        const changed = [];
        for (const taskId of dto.ids) {
          changed.push(
            await this.applyChange(manager, principal, byId.get(taskId)!, patch, context, 'bulk'),
          );
        }
        return changed;
      }),
    );
    await this.events.publish(
      results
        .filter((result) => result.changed)
        .map(({ task, before }) =>
          message('task.updated', task, [task.ownerId, task.assigneeId, before.assignee_id]),
        ),
    );
    return results.map((result) => result.task);
  }

  async stats(principal: Principal): Promise<TaskStatsDto> {
    const values: unknown[] = [];
    const visible = visibleCondition(viewerOf(principal), values);
    const counts = (column: string, names: readonly string[]) =>
      names
        .map(
          (name) => `count(*) FILTER (WHERE t.${column} = '${name}')::int AS "${column}:${name}"`,
        )
        .join(', ');
    const [totals] = await this.dataSource.query<Array<Record<string, number>>>(
      `SELECT ${counts('status', TASK_STATUSES)}, ${counts('priority', TASK_PRIORITIES)},
         count(*) FILTER (WHERE t.status <> 'done' AND t.due_at < now())::int AS overdue,
         count(*) FILTER (WHERE t.status <> 'done' AND t.due_at >= now()
                          AND t.due_at < now() + interval '7 days')::int AS "dueNext7Days"
       FROM tasks t WHERE t.deleted_at IS NULL AND ${visible}`,
      values,
    );
    const daily = await this.dataSource.query<Array<{ date: string; count: number }>>(
      `SELECT to_char(t.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, count(*)::int AS count
       FROM tasks t
       WHERE t.deleted_at IS NULL AND t.completed_at IS NOT NULL
         AND t.completed_at >= (date_trunc('day', now() AT TIME ZONE 'UTC') - interval '29 days') AT TIME ZONE 'UTC'
         AND ${visible}
       GROUP BY 1`,
      values,
    );
    const perDay = new Map(daily.map((row) => [row.date, row.count]));
    const today = Date.UTC(
      new Date().getUTCFullYear(),
      new Date().getUTCMonth(),
      new Date().getUTCDate(),
    );
    const completedPerDay = Array.from({ length: 30 }, (_, index) => {
      const date = new Date(today - (29 - index) * 86_400_000).toISOString().slice(0, 10);
      return { date, count: perDay.get(date) ?? 0 };
    });
    const pick = (column: string, names: readonly string[]) =>
      Object.fromEntries(names.map((name) => [name, totals?.[`${column}:${name}`] ?? 0]));
    return {
      byStatus: pick('status', TASK_STATUSES) as unknown as TaskStatsDto['byStatus'],
      byPriority: pick('priority', TASK_PRIORITIES) as unknown as TaskStatsDto['byPriority'],
      overdue: totals?.overdue ?? 0,
      dueNext7Days: totals?.dueNext7Days ?? 0,
      completedPerDay,
    };
  }

  /** Throws 404 unless the task exists and the caller can see it (never a 403: that would confirm it exists). */
  async assertVisible(principal: Principal, id: string): Promise<void> {
    const values: unknown[] = [id];
    const visible = visibleCondition(viewerOf(principal), values);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM tasks t WHERE t.id = $1 AND ${visible}`,
      values,
    );
    if (rows.length === 0) throw notFound();
  }

  private async lockVisible(
    manager: EntityManager,
    principal: Principal,
    id: string,
    which: 'live' | 'any',
  ): Promise<TaskRow & { deleted_at: Date | null }> {
    const values: unknown[] = [id];
    const visible = visibleCondition(viewerOf(principal), values);
    const rows: Array<TaskRow & { deleted_at: Date | null }> = await manager.query(
      `SELECT ${TASK_COLUMNS}, t.deleted_at FROM tasks t
       WHERE t.id = $1 ${which === 'live' ? 'AND t.deleted_at IS NULL' : ''} AND ${visible}
       FOR UPDATE`,
      values,
    );
    if (!rows[0]) throw notFound();
    return rows[0];
  }

  /** 412 with the current version when If-Match names another one; no header = unconditional. */
  private checkIfMatch(row: TaskRow, ifMatch: string | undefined): void {
    const expected = expectedVersionFromIfMatch(ifMatch, row.id);
    if (expected === undefined || expected === row.version) return;
    throw new ProblemException({
      status: HttpStatus.PRECONDITION_FAILED,
      title: 'The task has changed',
      detail: `If-Match does not name the current version (${row.version}); fetch the task and retry.`,
      extensions: { currentVersion: row.version, currentETag: taskETag(row) },
      headers: { ETag: taskETag(row) },
    });
  }

  /**
   * Writes a patch (version + 1, `WHERE version = $expected`) and its audit event. A patch that
   * changes nothing writes nothing and keeps the version.
   */
  private async applyChange(
    manager: EntityManager,
    principal: Principal,
    row: TaskRow,
    patch: TaskPatch,
    context: RequestContext,
    via?: 'bulk',
  ): Promise<{ task: TaskDto; changed: boolean; before: TaskRow }> {
    const { after, changes } = applyTaskPatch(stateOf(row), patch, new Date());
    if (Object.keys(changes).length === 0)
      return { task: toTaskDto(row), changed: false, before: row };
    const updated = updatedRows<TaskRow>(
      await manager.query(
        `UPDATE tasks t SET title = $3, description = $4, status = $5::task_status, priority = $6::task_priority, due_at = $7,
         assignee_id = $8, labels = $9, completed_at = $10, updated_at = now(), version = t.version + 1
       WHERE t.id = $1 AND t.version = $2
       RETURNING ${TASK_COLUMNS}`,
        [
          row.id,
          row.version,
          after.title,
          after.description,
          after.status,
          after.priority,
          after.dueAt,
          after.assigneeId,
          after.labels,
          after.completedAt,
        ],
      ),
    );
    // The row is locked FOR UPDATE, so the version cannot have moved; guard anyway.
    if (!updated[0])
      throw new ProblemException({
        status: HttpStatus.CONFLICT,
        detail: 'Concurrent change; retry.',
      });
    await this.audit.record(manager, {
      action: 'task.updated',
      actor: auditActorOf(principal),
      target: { type: TASK_TARGET_TYPE, id: row.id },
      changes: via === 'bulk' ? { ...changes, bulk: { after: true } } : changes,
      outcome: 'success',
      context,
    });
    return { task: toTaskDto(updated[0]), changed: true, before: row };
  }

  private async setDeleted(
    manager: EntityManager,
    principal: Principal,
    row: TaskRow & { deleted_at: Date | null },
    deleted: boolean,
    context: RequestContext,
  ): Promise<TaskDto> {
    const updated = updatedRows<TaskRow & { deleted_at: Date | null }>(
      await manager.query(
        `UPDATE tasks t SET deleted_at = ${deleted ? 'now()' : 'NULL'}, updated_at = now(), version = t.version + 1
       WHERE t.id = $1 AND t.version = $2
       RETURNING ${TASK_COLUMNS}, t.deleted_at`,
        [row.id, row.version],
      ),
    );
    const after = updated[0];
    if (!after)
      throw new ProblemException({
        status: HttpStatus.CONFLICT,
        detail: 'Concurrent change; retry.',
      });
    await this.audit.record(manager, {
      action: deleted ? 'task.deleted' : 'task.restored',
      actor: auditActorOf(principal),
      target: { type: TASK_TARGET_TYPE, id: row.id },
      changes: {
        deletedAt: {
          before: row.deleted_at?.toISOString() ?? null,
          after: after.deleted_at?.toISOString() ?? null,
        },
      },
      outcome: 'success',
      context,
    });
    return toTaskDto(after);
  }
}

/** A new task's audit `changes`: every field, as `after`. */
export function creationChanges(state: TaskState): AuditChanges {
  return Object.fromEntries(
    Object.entries(state).map(([field, value]) => [
      field,
      { after: value instanceof Date ? value.toISOString() : (value as unknown) },
    ]),
  );
}

function message(
  type: TaskEventType,
  task: TaskDto,
  audience: Array<string | null>,
): TaskChangeMessage {
  return {
    type,
    id: task.id,
    version: task.version,
    occurredAt: new Date().toISOString(),
    audience: [...new Set(audience.filter((userId): userId is string => userId !== null))],
  };
}

/** TypeORM answers an UPDATE … RETURNING with `[rows, affectedCount]`. */
function updatedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

function decodeCursorFailure(): ProblemException {
  return new ProblemException({
    status: HttpStatus.BAD_REQUEST,
    slug: 'invalid-cursor',
    title: 'Invalid cursor',
    detail: 'cursor is not a cursor this API issued',
    errors: [{ path: 'cursor', message: 'cursor is not a cursor this API issued' }],
  });
}
