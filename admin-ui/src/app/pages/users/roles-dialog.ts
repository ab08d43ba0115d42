import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Role, User } from '../../core/auth/auth';
import { type Problem, toProblem } from '../../core/errors/problem';
import { ProblemMessage } from '../../components/problem-message/problem-message';
import { NetworkStatus } from '../../core/offline/network-status';
import { confirmAction } from '../../components/confirm-dialog/confirm-dialog';
import { ROLE_INFO, sortRoles } from '../../core/auth/roles';
import { UsersApi } from './users-api';

export interface RolesDialogData {
  user: User;
  /** The admin is editing their own account. */
  self: boolean;
}

/** Whether a role change takes admin away (which asks for confirmation first). */
export function removesAdmin(before: readonly Role[], after: readonly Role[]): boolean {
  return before.includes('admin') && !after.includes('admin');
}

/** Changes a user's roles; removing admin asks first, and the server may refuse (last admin). */
@Component({
  selector: 'tt-roles-dialog',
  imports: [
    ProblemMessage,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatProgressBarModule,
    MatTooltipModule,
  ],
  template: `
    <h2 mat-dialog-title>Roles of {{ data.user.displayName }}</h2>
    <mat-dialog-content>
      <p class="muted email">{{ data.user.email }}</p>
      <fieldset>
        <legend>Roles</legend>
        @for (info of roleInfo; track info.role) {
          <mat-checkbox
            [checked]="selected().includes(info.role)"
            (change)="toggle(info.role, $event.checked)"
          >
            {{ info.label }} <span class="muted">— {{ info.description }}</span>
          </mat-checkbox>
        }
        @if (selected().length === 0) {
          <p class="error-text field-message" role="alert">Choose at least one role.</p>
        }
      </fieldset>
      @if (problem(); as p) {
        <p class="error-text" role="alert" data-testid="roles-error">
          <tt-problem-message [problem]="p" />
        </p>
      }
    </mat-dialog-content>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" aria-label="Saving roles" />
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="busy() || !changed() || selected().length === 0 || !network.online()"
        [matTooltip]="network.online() ? '' : 'You are offline'"
        (click)="save()"
      >
        Save roles
      </button>
    </mat-dialog-actions>
  `,
  styleUrls: ['../../components/dialog-form.scss', './users-dialogs.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RolesDialog {
  protected readonly data = inject<RolesDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RolesDialog, User>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly usersApi = inject(UsersApi);
  protected readonly network = inject(NetworkStatus);
  protected readonly roleInfo = ROLE_INFO;
  protected readonly selected = signal<Role[]>(sortRoles(this.data.user.roles));
  protected readonly changed = computed(
    () => this.selected().join(',') !== sortRoles(this.data.user.roles).join(','),
  );
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected toggle(role: Role, checked: boolean): void {
    this.selected.update((roles) =>
      sortRoles(
        checked ? [...roles.filter((r) => r !== role), role] : roles.filter((r) => r !== role),
      ),
    );
  }

  protected async save(): Promise<void> {
    const roles = this.selected();
    const { user, self } = this.data;
    if (removesAdmin(user.roles, roles)) {
      const confirmed = await confirmAction(this.dialog, {
        title: `Remove admin from ${user.displayName}?`,
        message: [
          self
            ? 'This is your own account: you will lose access to users and system status at once.'
            : `${user.displayName} will no longer manage users, roles or the system.`,
        ],
        confirmText: 'Remove admin',
        destructive: true,
      });
      if (!confirmed) return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.ref.close(await this.usersApi.update(user.id, { roles }));
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
