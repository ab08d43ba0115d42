import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import {
  type AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { applyServerErrors, serverError } from '../../core/errors/server-errors';
import { AccountApi } from './account-api';

function repeatMatches(group: AbstractControl): ValidationErrors | null {
  const { newPassword, repeat } = group.value as { newPassword: string; repeat: string };
  return repeat && newPassword !== repeat ? { mismatch: true } : null;
}

/** Change my password; the server signs my other sessions out. */
@Component({
  selector: 'tt-password-card',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="password-form">
        <!-- Lets password managers know whose password this is. -->
        <input type="email" autocomplete="username" hidden [value]="email()" aria-hidden="true" />
        <mat-form-field>
          <mat-label>Current password</mat-label>
          <input
            matInput
            type="password"
            formControlName="currentPassword"
            autocomplete="current-password"
            required
          />
          @if (serverError(form.controls.currentPassword); as e) {
            <mat-error data-testid="current-password-error">{{ e }}</mat-error>
          } @else {
            <mat-error>Your current password is required.</mat-error>
          }
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>New password</mat-label>
          <input
            matInput
            type="password"
            formControlName="newPassword"
            autocomplete="new-password"
            required
          />
          @if (serverError(form.controls.newPassword); as e) {
            <mat-error>{{ e }}</mat-error>
          } @else {
            <mat-error>At least 12 characters.</mat-error>
          }
          <mat-hint>At least 12 characters, not your email, not a common password.</mat-hint>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Repeat new password</mat-label>
          <input
            matInput
            type="password"
            formControlName="repeat"
            autocomplete="new-password"
            required
            [attr.aria-invalid]="form.hasError('mismatch') ? 'true' : null"
          />
          <mat-error>Repeat the new password.</mat-error>
          @if (form.hasError('mismatch') && form.controls.repeat.touched) {
            <mat-hint class="error-text">The passwords do not match.</mat-hint>
          }
        </mat-form-field>
        @if (problem(); as p) {
          <p class="error-text" role="alert">{{ message(p) }}</p>
        }
        <p class="muted note">Changing it signs you out on your other devices.</p>
        <div>
          <button
            mat-flat-button
            type="submit"
            [disabled]="busy() || !network.online()"
            [attr.title]="network.online() ? null : 'You are offline'"
          >
            {{ busy() ? 'Changing…' : 'Change password' }}
          </button>
        </div>
      </form>
    </section>
  `,
  styleUrl: './account-cards.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordCard {
  private readonly accountApi = inject(AccountApi);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly network = inject(NetworkStatus);
  /** My email, for password managers. */
  readonly email = input('');
  /** Emitted after a change: the other sessions are gone. */
  readonly changed = output<void>();

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(12), Validators.maxLength(256)]],
      repeat: ['', Validators.required],
    },
    { validators: repeatMatches },
  );
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly serverError = serverError;
  protected readonly message = problemMessage;

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.accountApi.changePassword({ currentPassword, newPassword });
      this.form.reset();
      this.snackBar.open('Password changed. Your other devices were signed out.', 'OK', {
        duration: 6000,
      });
      this.changed.emit();
    } catch (error) {
      const problem = toProblem(error);
      const rest = applyServerErrors(this.form.controls, problem);
      if (!problem.errors?.length || rest.length) this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
