import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type AuditChanges, type AuditEventInput, AuditLogService } from '../audit-log';
import { auditActorOf } from '../common/access/audit-actor';
import type { Principal } from '../common/access/principal';
import type { RequestContext } from '../common/http/request-context';
import { IdempotencyService, StoredResponse } from '../common/idempotency/idempotency.service';
import type { Page } from '../common/pagination/page.dto';
import { BulkUpdateTasksDto } from './dto/bulk-update-tasks.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query.dto';
import { TaskStatsDto } from './dto/task-stats.dto';
import { TaskDto } from './dto/task.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TASK_LIMITS, TASK_TARGET_TYPE } from './task.constants';
import { applyTaskPatch, creationChanges, newTask, stateOfNew, TaskPatch } from './task-changes';
import { taskETag } from './task-etag';
import { TaskEventsService, TaskEventType } from './task-events.service';
import { TaskListCursor } from './task-list-cursor';
import {
  checkIfMatch,
  concurrentChange,
  dueRangeInverted,
  emptyBulkChanges,
  found,
  taskNotFound,
  tasksNotFound,
  translateWriteErrors,
  uncastableCursorAsInvalid,
} from './task-problems';
import { TaskRow, TaskRowWithDeletedAt, taskStateOf, toTaskDto } from './task-row';
import { viewerOf } from './task-viewer';
import { TasksRepository } from './tasks.repository';

export interface CreatedTask {
  response: StoredResponse<TaskDto>;
  replayed: boolean;
}

/** The outcome of applying a patch to one task; the former assignee also hears of it. */
interface TaskChange {
  task: TaskDto;
  changed: boolean;
  formerAssigneeId: string | null;
}

/**
 * The task domain: visibility, optimistic concurrency, soft delete, bulk changes, stats.
 * Every change commits together with its audit event, then is announced over Redis.
 * The SQL lives in TasksRepository.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly audit: AuditLogService,
    private readonly idempotency: IdempotencyService,
    private readonly events: TaskEventsService,
  ) {}

  /**
   * The task and its audit event are one statement, atomic on its own: without an
   * `Idempotency-Key` it runs alone on the pool (no BEGIN/COMMIT), with one it runs in the
   * key's transaction. Sealing is asked for once it has committed either way.
   */
  async create(
    principal: Principal,
    dto: CreateTaskDto,
    context: RequestContext,
    idempotencyKey: string | undefined,
  ): Promise<CreatedTask> {
    const insert = async (manager?: EntityManager): Promise<StoredResponse<TaskDto>> => {
      const task = newTask(dto, principal.userId);
      // `completedAt` and `assigneeId` are filled in from the inserted row by the statement.
      const changes = creationChanges(stateOfNew(task));
      const event = this.event(principal, context, 'task.created', null, changes);
      const row = await this.tasks.insertWithEvent(task, event, manager);
      this.audit.written(manager);
      return createdResponse(toTaskDto(row));
    };
    const result = await translateWriteErrors(async () => {
      if (idempotencyKey === undefined) return { response: await insert(), replayed: false };
      const scope = `user:${principal.userId}`;
      const request = { scope, key: idempotencyKey, operation: 'createTask', body: dto };
      return this.idempotency.execute<TaskDto>(request, insert);
    });
    if (!result.replayed) {
      await this.events.announce('task.created', [{ task: result.response.body }]);
    }
    return result;
  }

  async get(principal: Principal, id: string): Promise<TaskDto> {
    return toTaskDto(found(await this.tasks.findVisible(viewerOf(principal), id)));
  }

  async list(principal: Principal, query: ListTasksQueryDto): Promise<Page<TaskDto>> {
    if (query.dueAfter && query.dueBefore && query.dueAfter >= query.dueBefore) {
      throw dueRangeInverted();
    }
    const { cursor, limit = TASK_LIMITS.pageDefault, sort = '-createdAt', ...filters } = query;
    const cursors = new TaskListCursor(sort, filters);
    const after = cursors.decode(cursor);
    const viewer = viewerOf(principal);
    const rows = await this.tasks
      .list({ viewer, filters, sort, fetch: limit + 1, after })
      .catch((error: unknown) => {
        throw after ? uncastableCursorAsInvalid(error) : error;
      });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toTaskDto),
      nextCursor: rows.length > limit && last ? cursors.after(last) : null,
    };
  }

  async update(
    principal: Principal,
    id: string,
    dto: UpdateTaskDto,
    ifMatch: string | undefined,
    context: RequestContext,
  ): Promise<TaskDto> {
    const change = await translateWriteErrors(() =>
      this.dataSource.transaction(async (manager) => {
        const row = await this.lockVisible(manager, principal, id, 'live');
        checkIfMatch(row, ifMatch);
        return this.applyChange(manager, principal, row, dto, context);
      }),
    );
    if (change.changed) await this.events.announce('task.updated', [change]);
    return change.task;
  }

  async remove(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    context: RequestContext,
  ) {
    const task = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockVisible(manager, principal, id, 'live');
      checkIfMatch(row, ifMatch);
      return this.setDeleted(manager, principal, row, true, context);
    });
    await this.events.announce('task.deleted', [{ task }]);
  }

  async restore(principal: Principal, id: string, context: RequestContext): Promise<TaskDto> {
    const { task, changed } = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockVisible(manager, principal, id, 'any');
      if (row.deleted_at === null) return { task: toTaskDto(row), changed: false };
      const task = await this.setDeleted(manager, principal, row, false, context);
      return { task, changed: true };
    });
    if (changed) await this.events.announce('task.restored', [{ task }]);
    return task;
  }

  /** All or nothing: every id must be a live task the caller can see, else nothing changes. */
  async bulkUpdate(
    principal: Principal,
    dto: BulkUpdateTasksDto,
    context: RequestContext,
  ): Promise<TaskDto[]> {
    const patch: TaskPatch = dto.changes;
    if (Object.values(patch).every((value) => value === undefined)) throw emptyBulkChanges();
    const results = await translateWriteErrors(() =>
      this.dataSource.transaction(async (manager) => {
        const rows = await this.tasks.lockVisibleLive(manager, viewerOf(principal), dto.ids);
        if (rows.length !== dto.ids.length) {
          const locked = new Set(rows.map((row) => row.id));
          throw tasksNotFound(dto.ids.filter((taskId) => !locked.has(taskId)));
        }
        const byId = new Map(rows.map((row) => [row.id, row]));
        const changes: TaskChange[] = [];
        for (const taskId of dto.ids) {
          const row = byId.get(taskId)!;
          changes.push(await this.applyChange(manager, principal, row, patch, context, 'bulk'));
        }
        return changes;
      }),
    );
    await this.events.announce(
      'task.updated',
      results.filter((result) => result.changed),
    );
    return results.map((result) => result.task);
  }

  async stats(principal: Principal): Promise<TaskStatsDto> {
    const viewer = viewerOf(principal);
    const counts = await this.tasks.countLive(viewer);
    return { ...counts, completedPerDay: await this.tasks.completedPerDay(viewer) };
  }

  /** Throws 404 unless the task exists and the caller can see it (never a 403: that would confirm it exists). */
  async assertVisible(principal: Principal, id: string): Promise<void> {
    if (!(await this.tasks.existsVisible(viewerOf(principal), id))) throw taskNotFound();
  }

  private async lockVisible(
    manager: EntityManager,
    principal: Principal,
    id: string,
    which: 'live' | 'any',
  ): Promise<TaskRowWithDeletedAt> {
    return found(await this.tasks.lockVisible(manager, viewerOf(principal), id, which));
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
  ): Promise<TaskChange> {
    const { after, changes } = applyTaskPatch(taskStateOf(row), patch, new Date());
    if (Object.keys(changes).length === 0) {
      return { task: toTaskDto(row), changed: false, formerAssigneeId: row.assignee_id };
    }
    // The row is locked FOR UPDATE, so the version cannot have moved; guard anyway.
    const updated = await this.tasks.update(manager, row, after);
    if (!updated) throw concurrentChange();
    const audited = via === 'bulk' ? { ...changes, bulk: { after: true } } : changes;
    await this.record(manager, principal, context, 'task.updated', row.id, audited);
    return { task: toTaskDto(updated), changed: true, formerAssigneeId: row.assignee_id };
  }

  private async setDeleted(
    manager: EntityManager,
    principal: Principal,
    row: TaskRowWithDeletedAt,
    deleted: boolean,
    context: RequestContext,
  ): Promise<TaskDto> {
    const after = await this.tasks.setDeleted(manager, row, deleted);
    if (!after) throw concurrentChange();
    const deletedAt = {
      before: row.deleted_at?.toISOString() ?? null,
      after: after.deleted_at?.toISOString() ?? null,
    };
    const action = deleted ? 'task.deleted' : 'task.restored';
    await this.record(manager, principal, context, action, row.id, { deletedAt });
    return toTaskDto(after);
  }

  /** The audit event of a change, in the change's transaction; its action is the event's type. */
  private record(
    manager: EntityManager,
    principal: Principal,
    context: RequestContext,
    action: TaskEventType,
    taskId: string,
    changes: AuditChanges,
  ): Promise<void> {
    return this.audit.record(manager, this.event(principal, context, action, taskId, changes));
  }

  private event(
    principal: Principal,
    context: RequestContext,
    action: TaskEventType,
    taskId: string | null,
    changes: AuditChanges,
  ): AuditEventInput {
    return {
      action,
      actor: auditActorOf(principal),
      target: { type: TASK_TARGET_TYPE, id: taskId },
      changes,
      outcome: 'success',
      context,
    };
  }
}

/** 201 with the new task's URL and ETag. */
function createdResponse(task: TaskDto): StoredResponse<TaskDto> {
  return {
    status: HttpStatus.CREATED,
    headers: { Location: `/api/v1/tasks/${task.id}`, ETag: taskETag(task) },
    body: task,
  };
}
