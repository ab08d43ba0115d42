import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';

export type TaskStats = Schema<'TaskStats'>;
export type Task = Schema<'Task'>;
export type DailyCount = Schema<'DailyCount'>;

/** The task figures of the dashboard. (Audit figures come from the audit log's API service.) */
@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly client = inject(Api).client;
  private readonly network = inject(NetworkStatus);

  async taskStats(): Promise<TaskStats> {
    const result = await this.client.GET('/api/v1/tasks/stats');
    this.network.noteResponse(result.response);
    return unwrap(result);
  }

  /** The next open tasks by due date (undated ones last), as many as `limit`. */
  async nextTasks(limit = 5): Promise<Task[]> {
    const result = await this.client.GET('/api/v1/tasks', {
      params: {
        query: { sort: 'dueAt', status: ['todo', 'in_progress', 'blocked'], limit },
      },
    });
    this.network.noteResponse(result.response);
    return unwrap(result).items;
  }
}
