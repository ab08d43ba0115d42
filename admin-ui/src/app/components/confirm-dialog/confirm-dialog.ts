import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type Problem, toProblem } from '../../core/errors/problem';
import { ProblemMessage } from '../problem-message/problem-message';

export interface ConfirmOptions {
  title: string;
  /** One or more paragraphs explaining what will happen. */
  message: string | readonly string[];
  confirmText: string;
  /** Styles the confirm button as destructive (error colour). */
  destructive?: boolean;
  /**
   * Runs when the user confirms; the dialog stays open (busy) until it settles, shows the
   * API's problem detail if it fails, and closes with `true` once it succeeds.
   */
  action?: () => Promise<unknown>;
}

/**
 * A small "are you sure?" dialog for destructive actions. With an `action`, the refusal of
 * the server (e.g. 409 last admin) is shown right here, where the person asked for it.
 */
@Component({
  selector: 'tt-confirm-dialog',
  imports: [ProblemMessage, MatButtonModule, MatDialogModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (paragraph of paragraphs; track $index) {
        <p>{{ paragraph }}</p>
      }
      @if (problem(); as p) {
        <p class="error-text" role="alert" data-testid="confirm-error">
          <tt-problem-message [problem]="p" />
        </p>
      }
    </mat-dialog-content>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" aria-label="Working" />
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" [disabled]="busy()">
        Cancel
      </button>
      <button
        mat-flat-button
        type="button"
        [class.destructive]="data.destructive"
        [disabled]="busy()"
        (click)="confirm()"
      >
        {{ data.confirmText }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .destructive:not([disabled]) {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
    p {
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmOptions>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConfirmDialog, boolean>>(MatDialogRef);
  protected readonly paragraphs =
    typeof this.data.message === 'string' ? [this.data.message] : this.data.message;
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected async confirm(): Promise<void> {
    if (!this.data.action) {
      this.ref.close(true);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.ref.disableClose = true;
    try {
      await this.data.action();
      this.ref.close(true);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
      this.ref.disableClose = false;
    }
  }
}

/** Opens the confirm dialog; resolves `true` when confirmed (and its action succeeded). */
export async function confirmAction(dialog: MatDialog, options: ConfirmOptions): Promise<boolean> {
  const ref = dialog.open<ConfirmDialog, ConfirmOptions, boolean>(ConfirmDialog, {
    data: options,
    width: '440px',
    maxWidth: 'calc(100vw - 32px)',
    role: 'alertdialog',
  });
  return new Promise((resolve) => {
    ref.afterClosed().subscribe((result) => resolve(result === true));
  });
}
