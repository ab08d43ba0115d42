import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

/** "Delete this task?" — the small confirmation every destructive action asks for. */
@Component({
  selector: 'tt-confirm-delete-dialog',
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>Delete this task?</h2>
    <mat-dialog-content>
      <p>“{{ title }}” will be deleted. You can undo this right after, and its history is kept.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="button" class="destructive" [mat-dialog-close]="true">
        Delete
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .destructive {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDeleteDialog {
  protected readonly title = inject<string>(MAT_DIALOG_DATA);
}

/** Resolves true when the person confirmed deleting the task titled `title`. */
export async function confirmDelete(dialog: MatDialog, title: string): Promise<boolean> {
  const ref = dialog.open<ConfirmDeleteDialog, string, boolean>(ConfirmDeleteDialog, {
    data: title,
    width: '420px',
    maxWidth: 'calc(100vw - 32px)',
    role: 'alertdialog',
  });
  return (await firstValueFrom(ref.afterClosed())) === true;
}
