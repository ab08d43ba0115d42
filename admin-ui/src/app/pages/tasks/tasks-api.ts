import { inject, Injectable } from '@angular/core';
import { Api } from '../../core/api/api';
import { type Problem, unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import {
  type BulkTaskChanges,
  type CreateTask,
  type Task,
  taskETag,
  type TaskHistoryPage,
  type TaskPage,
  type UpdateTask,
} from './task-model';
import { apiParams, type TaskListQuery } from './task-query';

/** What a 412 `precondition-failed` problem carries besides the standard members. */
export interface ConflictInfo {
  currentVersion: number | null;
  currentETag: string | null;
}

/** The current version named by a 412 problem, or null when the problem is not a conflict. */
export function conflictInfo(problem: Problem): ConflictInfo | null {
  if (problem.status !== 412) return null;
  const extra = problem as Problem & Record<string, unknown>;
  const version = extra['currentVersion'];
  const etag = extra['currentETag'];
  return {
    currentVersion: typeof version === 'number' ? version : null,
    currentETag: typeof etag === 'string' ? etag : null,
  };
}

/**
 * The task routes of the SDK, for the tasks pages: every call returns the body or throws a
 * `ProblemError`; list and detail responses also feed the "offline — data from" banner.
 */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly client = inject(Api).client;
  private readonly network = inject(NetworkStatus);

  async list(query: TaskListQuery, cursor?: string | null): Promise<TaskPage> {
    const result = await this.client.GET('/api/v1/tasks', {
      params: { query: apiParams(query, cursor) },
    });
    const page = unwrap(result);
    this.network.noteResponse(result.response);
    return page;
  }

  async get(id: string): Promise<Task> {
    const result = await this.client.GET('/api/v1/tasks/{id}', { params: { path: { id } } });
    const task = unwrap(result);
    this.network.noteResponse(result.response);
    return task;
  }

  /** Creates once per `idempotencyKey`: a repeated submit replays the first answer. */
  async create(body: CreateTask, idempotencyKey: string): Promise<Task> {
    return unwrap(
      await this.client.POST('/api/v1/tasks', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body,
      }),
    );
  }

  /** Applies `patch` only if the task is still at `etag`'s version (else a 412 problem). */
  async update(id: string, patch: UpdateTask, etag: string): Promise<Task> {
    return unwrap(
      await this.client.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id }, header: { 'If-Match': etag } },
        body: patch,
      }),
    );
  }

  async remove(task: Pick<Task, 'id' | 'version'>, etag = taskETag(task)): Promise<void> {
    unwrap(
      await this.client.DELETE('/api/v1/tasks/{id}', {
        params: { path: { id: task.id }, header: { 'If-Match': etag } },
      }),
    );
  }

  async restore(id: string): Promise<Task> {
    return unwrap(
      await this.client.POST('/api/v1/tasks/{id}/restore', { params: { path: { id } } }),
    );
  }

  /** All or nothing: one changed task per id, in the order given. */
  async bulkUpdate(ids: string[], changes: BulkTaskChanges): Promise<Task[]> {
    const result = unwrap(await this.client.POST('/api/v1/tasks/bulk', { body: { ids, changes } }));
    return result.items;
  }

  async history(id: string, cursor?: string | null): Promise<TaskHistoryPage> {
    return unwrap(
      await this.client.GET('/api/v1/tasks/{id}/history', {
        params: { path: { id }, query: cursor ? { cursor, limit: 50 } : { limit: 50 } },
      }),
    );
  }
}
