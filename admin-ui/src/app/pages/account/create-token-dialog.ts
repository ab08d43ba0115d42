import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormBuilder,
  FormControl,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Auth } from '../../core/auth/auth';
import { type Problem, toProblem } from '../../core/errors/problem';
import { ProblemMessage } from '../../components/problem-message/problem-message';
import { NetworkStatus } from '../../core/offline/network-status';
import { applyServerErrors, serverError } from '../../core/errors/server-errors';
import { AccountApi, type CreatedApiToken } from './account-api';
import { allowedScopes, type Scope } from './scopes';
import { EXPIRY_PRESETS, type ExpiryPreset, expiresAtFor, localDate } from './token-expiry';

function atLeastOne(group: AbstractControl): ValidationErrors | null {
  return Object.values(group.value as Record<string, boolean>).some(Boolean)
    ? null
    : { noScope: true };
}

/** A `YYYY-MM-DD` value on or after `first` (string order is date order in this format). */
function notBefore(first: string): (control: AbstractControl<string>) => ValidationErrors | null {
  return (control) => (control.value && control.value < first ? { past: true } : null);
}

/** A new personal API token: name, scopes my roles allow, optional expiry. */
@Component({
  selector: 'tt-create-token-dialog',
  imports: [
    ProblemMessage,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>New API token</h2>
      <mat-dialog-content>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" autocomplete="off" required />
          <mat-hint>What uses it, e.g. “CI pipeline”.</mat-hint>
          @if (serverError(form.controls.name); as e) {
            <mat-error>{{ e }}</mat-error>
          } @else {
            <mat-error>A name is required (at most 100 characters).</mat-error>
          }
        </mat-form-field>

        <fieldset formGroupName="scopes">
          <legend>Scopes</legend>
          @for (info of scopes; track info.scope) {
            <mat-checkbox [formControlName]="info.scope">
              <code>{{ info.scope }}</code><span class="muted"> — {{ info.description }}</span>
            </mat-checkbox>
          } @empty {
            <p class="muted">Your roles allow no token scopes.</p>
          }
          @if (form.controls.scopes.touched && form.controls.scopes.hasError('noScope')) {
            <p class="error-text field-message" role="alert">Choose at least one scope.</p>
          }
          @if (serverError(form.controls.scopes); as e) {
            <p class="error-text field-message" role="alert">{{ e }}</p>
          }
        </fieldset>

        <mat-form-field>
          <mat-label>Expires</mat-label>
          <mat-select formControlName="expiry">
            @for (preset of presets; track preset.value) {
              <mat-option [value]="preset.value">{{ preset.label }}</mat-option>
            }
          </mat-select>
          @if (serverError(form.controls.expiry); as e) {
            <mat-error>{{ e }}</mat-error>
          }
        </mat-form-field>
        @if (expiry() === 'custom') {
          <mat-form-field subscriptSizing="dynamic">
            <mat-label>Expiry date</mat-label>
            <input matInput type="date" [formControl]="customDate" [min]="today" required />
            <mat-hint>The token works until the end of this day.</mat-hint>
            <mat-error>Choose a date from today on.</mat-error>
          </mat-form-field>
        }

        @if (problem(); as p) {
          <p class="error-text" role="alert" data-testid="create-token-error">
            <tt-problem-message [problem]="p" />
          </p>
        }
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Creating token" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy() || !network.online() || scopes.length === 0"
          [attr.title]="network.online() ? null : 'You are offline'"
        >
          Create token
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrls: ['../../components/dialog-form.scss', './account-dialogs.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Dialogs render in the overlay, outside the shell that sets this for pages.
  providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
})
export class CreateTokenDialog {
  private readonly accountApi = inject(AccountApi);
  private readonly ref = inject<MatDialogRef<CreateTokenDialog, CreatedApiToken>>(MatDialogRef);
  protected readonly network = inject(NetworkStatus);
  protected readonly scopes = allowedScopes(inject(Auth).roles());
  protected readonly presets = EXPIRY_PRESETS;
  protected readonly today = localDate();

  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(100), Validators.pattern(/\S/)]],
    scopes: this.fb.group(
      Object.fromEntries(this.scopes.map((info) => [info.scope, false])) as Record<string, boolean>,
      { validators: atLeastOne },
    ),
    expiry: this.fb.control<ExpiryPreset>('90'),
  });
  protected readonly customDate = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, notBefore(this.today)],
  });
  protected readonly expiry = toSignal(this.form.controls.expiry.valueChanges, {
    initialValue: this.form.controls.expiry.value,
  });
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly serverError = serverError;

  protected async submit(): Promise<void> {
    const custom = this.expiry() === 'custom';
    if (this.form.invalid || (custom && this.customDate.invalid)) {
      this.form.markAllAsTouched();
      this.customDate.markAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const expiresAt = expiresAtFor(value.expiry, this.customDate.value);
    if (expiresAt === null) {
      this.customDate.setErrors({ invalid: true });
      this.customDate.markAsTouched();
      return;
    }
    const scopes = this.scopes
      .map((info) => info.scope)
      .filter((scope: Scope) => value.scopes[scope]);
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.ref.close(
        await this.accountApi.createToken({
          name: value.name,
          scopes,
          ...(expiresAt ? { expiresAt } : {}),
        }),
      );
    } catch (error) {
      const problem = toProblem(error);
      const rest = applyServerErrors(this.form.controls, problem, { expiresAt: 'expiry' });
      if (!problem.errors?.length || rest.length) this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
