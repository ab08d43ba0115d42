import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ProblemError } from '../../core/errors/problem';
import { type ConflictChoice, ConflictDialog, type ConflictData } from './conflict-dialog';
import { type Task, taskETag, type UpdateTask } from './task-model';
import { conflictInfo, TasksApi } from './tasks-api';

/** How a guarded write ended (anything else throws the API's problem). */
export type SaveResult =
  | { outcome: 'saved'; task: Task }
  /** The person chose Reload: `task` is the current version, or null if it is gone. */
  | { outcome: 'reloaded'; task: Task | null };

export type DeleteResult =
  { outcome: 'deleted'; task: Task } | { outcome: 'reloaded'; task: Task | null };

/**
 * Writes guarded by `If-Match` with the version the person saw. On a 412 the conflict dialog
 * asks: Reload (discard mine, return theirs) or Overwrite (send mine again with the current
 * version's ETag; asks again if it changed once more meanwhile).
 */
@Injectable({ providedIn: 'root' })
export class TaskWriter {
  private readonly api = inject(TasksApi);
  private readonly dialog = inject(MatDialog);

  async update(task: Task, patch: UpdateTask): Promise<SaveResult> {
    let etag = taskETag(task);
    for (;;) {
      try {
        return { outcome: 'saved', task: await this.api.update(task.id, patch, etag) };
      } catch (error) {
        const resolution = await this.resolveConflict(error, task.id, patch);
        if (resolution.choice === 'reload') return { outcome: 'reloaded', task: resolution.theirs };
        etag = resolution.etag;
      }
    }
  }

  /** Soft-deletes; resolves with the task as deleted (version + 1), for an undo. */
  async remove(task: Task): Promise<DeleteResult> {
    let etag = taskETag(task);
    let base = task;
    for (;;) {
      try {
        await this.api.remove(task, etag);
        return { outcome: 'deleted', task: { ...base, version: base.version + 1 } };
      } catch (error) {
        const resolution = await this.resolveConflict(error, task.id, 'delete');
        if (resolution.choice === 'reload') return { outcome: 'reloaded', task: resolution.theirs };
        etag = resolution.etag;
        base = resolution.theirs ?? base;
      }
    }
  }

  /** Rethrows anything but a 412; for a 412 reads the current task and asks the person. */
  private async resolveConflict(
    error: unknown,
    id: string,
    mine: ConflictData['mine'],
  ): Promise<
    | { choice: 'reload'; theirs: Task | null }
    | { choice: 'overwrite'; etag: string; theirs: Task | null }
  > {
    const conflict = error instanceof ProblemError ? conflictInfo(error.problem) : null;
    if (!conflict) throw error;
    const theirs = await this.api.get(id).catch(() => null);
    const ref = this.dialog.open<ConflictDialog, ConflictData, ConflictChoice>(ConflictDialog, {
      data: { mine, theirs },
      width: '520px',
      maxWidth: 'calc(100vw - 32px)',
      role: 'alertdialog',
      disableClose: true,
    });
    const choice = await firstValueFrom(ref.afterClosed());
    if (choice !== 'overwrite') return { choice: 'reload', theirs };
    const etag = theirs ? taskETag(theirs) : conflict.currentETag;
    if (!etag) return { choice: 'reload', theirs };
    return { choice: 'overwrite', etag, theirs };
  }
}
