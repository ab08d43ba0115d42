import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { fieldLabel, formatFieldValue } from './task-format';
import type { Task, UpdateTask } from './task-model';

export type ConflictChoice = 'reload' | 'overwrite';

export interface ConflictData {
  /** What I tried: a change, or deleting the task. */
  mine: UpdateTask | 'delete';
  /** The task as it is now on the server; null when it could not be read (deleted, offline). */
  theirs: Task | null;
}

interface Row {
  label: string;
  theirs: string;
  mine: string;
}

/**
 * The 412 answer, in words: someone changed the task since I loaded it. Reload discards my
 * change and shows theirs; Overwrite sends mine again on top of their version.
 */
@Component({
  selector: 'tt-conflict-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title class="title">
      <mat-icon svgIcon="warning" aria-hidden="true" />
      Someone else changed this task
    </h2>
    <mat-dialog-content>
      <p>
        @if (data.theirs; as theirs) {
          “{{ theirs.title }}” was changed after you opened it (it is now at version
          {{ theirs.version }}).
        } @else {
          The task was changed after you opened it, and its current version could not be read.
        }
        @if (data.mine === 'delete') {
          You asked to delete it.
        }
      </p>
      @if (rows.length) {
        <table class="diff" aria-label="Your change compared with the current task">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Now</th>
              <th scope="col">Yours</th>
            </tr>
          </thead>
          <tbody>
            @for (row of rows; track row.label) {
              <tr>
                <th scope="row">{{ row.label }}</th>
                <td>{{ row.theirs }}</td>
                <td>{{ row.mine }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      <p>
        <strong>Reload</strong> discards your change and shows the current task.
        <strong>Overwrite</strong> applies your change on top of it.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="'reload'" data-testid="conflict-reload">
        Reload
      </button>
      <button
        mat-flat-button
        type="button"
        [mat-dialog-close]="'overwrite'"
        data-testid="conflict-overwrite"
        cdkFocusInitial
      >
        Overwrite
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .title {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .title mat-icon {
      color: var(--mat-sys-error);
      flex: none;
    }
    .diff {
      width: 100%;
      border-collapse: collapse;
      margin: 0 0 16px;
      font: var(--mat-sys-body-medium);
    }
    .diff th,
    .diff td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    .diff thead th {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    p {
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConflictDialog {
  protected readonly data = inject<ConflictData>(MAT_DIALOG_DATA);
  protected readonly rows: Row[] = conflictRows(this.data);
}

/** The fields I changed, with their current value next to mine. */
export function conflictRows({ mine, theirs }: ConflictData): Row[] {
  if (mine === 'delete') return [];
  return Object.entries(mine).map(([field, value]) => ({
    label: fieldLabel(field),
    theirs: theirs ? formatFieldValue(field, theirs[field as keyof Task]) : '?',
    mine: formatFieldValue(field, value),
  }));
}
