import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PageState } from '../../components/page-state/page-state';
import { Auth } from '../../core/auth/auth';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { roleLabel, sortRoles } from '../../core/auth/roles';
import { applyServerErrors, serverError } from '../../core/errors/server-errors';
import { AccountApi } from './account-api';

/** Who I am (fresh from the server), with my display name editable. */
@Component({
  selector: 'tt-profile-card',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, PageState, ReactiveFormsModule],
  template: `
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <tt-page-state [loading]="loading()" [error]="error()" what="profile" (retry)="load()">
        @if (auth.user(); as user) {
          <dl class="facts">
            <div>
              <dt>Email</dt>
              <dd data-testid="profile-email">{{ user.email }}</dd>
            </div>
            <div>
              <dt>Roles</dt>
              <dd class="chips">
                @for (role of sortRoles(user.roles); track role) {
                  <span class="chip">{{ roleLabel(role) }}</span>
                }
              </dd>
            </div>
          </dl>
          <form class="name-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Display name</mat-label>
              <input matInput formControlName="displayName" autocomplete="name" required />
              @if (serverError(name); as e) {
                <mat-error>{{ e }}</mat-error>
              } @else {
                <mat-error>A name is required (at most 100 characters).</mat-error>
              }
              <mat-hint>Shown in the toolbar and on tasks you work on.</mat-hint>
            </mat-form-field>
            <button
              mat-flat-button
              type="submit"
              [disabled]="saving() || !changed() || !network.online()"
              [attr.title]="network.online() ? null : 'You are offline'"
            >
              {{ saving() ? 'Saving…' : 'Save name' }}
            </button>
          </form>
          @if (saveProblem(); as p) {
            <p class="error-text" role="alert">{{ message(p) }}</p>
          }
        }
      </tt-page-state>
    </section>
  `,
  styleUrl: './account-cards.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfileCard {
  private readonly accountApi = inject(AccountApi);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly auth = inject(Auth);
  protected readonly network = inject(NetworkStatus);

  protected readonly name = new FormControl(this.auth.user()?.displayName ?? '', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(100), Validators.pattern(/\S/)],
  });
  protected readonly form = new FormGroup({ displayName: this.name });
  private readonly nameValue = toSignal(this.name.valueChanges, { initialValue: this.name.value });
  protected readonly changed = computed(
    () =>
      this.nameValue().trim() !== '' && this.nameValue().trim() !== this.auth.user()?.displayName,
  );
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<Problem | null>(null);
  protected readonly saveProblem = signal<Problem | null>(null);
  protected readonly roleLabel = roleLabel;
  protected readonly sortRoles = sortRoles;
  protected readonly serverError = serverError;
  protected readonly message = problemMessage;

  constructor() {
    void this.load();
  }

  /** Re-reads my profile (roles may have changed since sign-in). */
  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const me = await this.accountApi.me();
      this.auth.setUser(me);
      if (!this.name.dirty) this.name.setValue(me.displayName);
    } catch (error) {
      this.error.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async save(): Promise<void> {
    if (this.name.invalid) {
      this.name.markAsTouched();
      return;
    }
    this.saving.set(true);
    this.saveProblem.set(null);
    try {
      const updated = await this.accountApi.updateDisplayName(this.name.value);
      this.auth.setUser(updated);
      this.name.reset(updated.displayName);
      this.snackBar.open('Your name is saved.', 'OK', { duration: 4000 });
    } catch (error) {
      const problem = toProblem(error);
      const rest = applyServerErrors({ displayName: this.name }, problem);
      if (!problem.errors?.length || rest.length) this.saveProblem.set(problem);
    } finally {
      this.saving.set(false);
    }
  }
}
