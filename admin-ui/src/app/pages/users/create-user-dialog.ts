import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  type AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Role, User } from '../../core/auth/auth';
import { type Problem, problemMessage, ProblemError, toProblem } from '../../core/errors/problem';
import { ProblemMessage } from '../../components/problem-message/problem-message';
import { NetworkStatus } from '../../core/offline/network-status';
import { generatePassword } from './password-generator';
import { ROLE_INFO } from '../../core/auth/roles';
import { applyServerErrors, serverError } from '../../core/errors/server-errors';
import { UsersApi } from './users-api';

function atLeastOneRole(group: AbstractControl): ValidationErrors | null {
  const value = group.value as Record<string, boolean>;
  return Object.values(value).some(Boolean) ? null : { noRole: true };
}

/** Creates an account with roles and an initial password the admin hands over. */
@Component({
  selector: 'tt-create-user-dialog',
  imports: [
    ProblemMessage,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    ReactiveFormsModule,
  ],
  templateUrl: './create-user-dialog.html',
  styleUrls: ['../../components/dialog-form.scss', './users-dialogs.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Dialogs render in the overlay, outside the shell that sets this for pages.
  providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
})
export class CreateUserDialog {
  private readonly usersApi = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<CreateUserDialog, User>>(MatDialogRef);
  protected readonly network = inject(NetworkStatus);
  protected readonly roleInfo = ROLE_INFO;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    displayName: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    roles: inject(FormBuilder).nonNullable.group(
      { employee: true, admin: false, auditor: false } satisfies Record<Role, boolean>,
      { validators: atLeastOneRole },
    ),
    password: ['', [Validators.required, Validators.minLength(12), Validators.maxLength(256)]],
  });
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Messages the server sent that belong to no field. */
  protected readonly otherErrors = signal<string[]>([]);
  protected readonly showPassword = signal(false);
  /** Polite announcement for generate/copy (screen readers do not see the field change). */
  protected readonly announcement = signal('');
  protected readonly serverError = serverError;

  protected generate(): void {
    this.form.controls.password.setValue(generatePassword());
    this.form.controls.password.markAsTouched();
    this.showPassword.set(true);
    this.announcement.set('Generated a strong 20-character password. Copy it to hand it over.');
  }

  protected async copyPassword(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.form.controls.password.value);
      this.announcement.set('Password copied to the clipboard.');
    } catch {
      this.announcement.set('Could not copy: select the password and copy it by hand.');
    }
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const roles = ROLE_INFO.map((info) => info.role).filter((role) => value.roles[role]);
    this.busy.set(true);
    this.problem.set(null);
    this.otherErrors.set([]);
    try {
      const user = await this.usersApi.create({
        displayName: value.displayName,
        email: value.email,
        password: value.password,
        roles,
      });
      this.ref.close(user);
    } catch (error) {
      this.showProblem(error);
    } finally {
      this.busy.set(false);
    }
  }

  private showProblem(error: unknown): void {
    const problem = toProblem(error);
    if (error instanceof ProblemError && problem.type.endsWith('/email-taken')) {
      const email = this.form.controls.email;
      email.setErrors({ server: problemMessage(problem) });
      email.markAsTouched();
      return;
    }
    if (problem.errors?.length) {
      this.otherErrors.set(applyServerErrors(this.form.controls, problem));
      return;
    }
    this.problem.set(problem);
  }
}
