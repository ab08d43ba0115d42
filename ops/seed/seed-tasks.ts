import type { DataSource } from 'typeorm';
import { type AuditActor, AuditLogService } from '../../api/src/audit-log';
import type { RequestContext } from '../../api/src/common/http/request-context';
import {
  creationChanges,
  TASK_TARGET_TYPE,
  type TaskStateColumns,
  taskStateOf,
} from '../../api/src/tasks';
import { type DemoPeople, type DemoTask, demoTask } from './demo-tasks';

const BATCH_SIZE = 250;

interface InsertedTask extends TaskStateColumns {
  id: string;
}

/**
 * Inserts demo tasks `from`..`to - 1` in batches. Each batch is one transaction holding its
 * tasks and their `task.created` outbox rows (AuditLogService, as the API writes them), so the
 * audit log matches the data. Calls `progress` after each batch with the number inserted.
 */
export async function seedTasks(
  dataSource: DataSource,
  audit: AuditLogService,
  range: { from: number; to: number; now: Date },
  people: DemoPeople,
  event: { actor: AuditActor; context: RequestContext },
  progress: (inserted: number) => void,
): Promise<void> {
  for (let start = range.from; start < range.to; start += BATCH_SIZE) {
    const end = Math.min(start + BATCH_SIZE, range.to);
    const batch = Array.from({ length: end - start }, (_, i) =>
      demoTask(start + i, range.now, people),
    );
    await dataSource.transaction(async (manager) => {
      const rows: InsertedTask[] = await manager.query(
        `INSERT INTO tasks (title, description, status, priority, due_at, assignee_id, labels,
                            owner_id, created_at, updated_at, completed_at)
         SELECT title, description, status, priority, due_at, assignee_id, labels::text[],
                owner_id, created_at, updated_at, completed_at
           FROM jsonb_to_recordset($1::jsonb) AS x(title text, description text,
                status task_status, priority task_priority, due_at timestamptz, assignee_id uuid,
                labels text, owner_id uuid, created_at timestamptz, updated_at timestamptz,
                completed_at timestamptz, n int)
          ORDER BY n
         RETURNING id, title, description, status, priority, due_at, assignee_id, labels,
                   completed_at`,
        [JSON.stringify(batch.map((task, n) => toRow(task, n)))],
      );
      for (const row of rows) {
        await audit.record(manager, {
          action: 'task.created',
          actor: event.actor,
          target: { type: TASK_TARGET_TYPE, id: row.id },
          changes: creationChanges(taskStateOf(row)),
          outcome: 'success',
          context: event.context,
        });
      }
    });
    progress(end - start);
  }
}

/** A JSON row for jsonb_to_recordset; labels as a Postgres array literal (plain words only). */
function toRow(task: DemoTask, n: number) {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    due_at: task.dueAt?.toISOString() ?? null,
    assignee_id: task.assigneeId,
    labels: `{${task.labels.join(',')}}`,
    owner_id: task.ownerId,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
    completed_at: task.completedAt?.toISOString() ?? null,
    n,
  };
}
