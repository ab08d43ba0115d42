import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { PageState } from '../../components/page-state/page-state';
import { Auth, type User } from '../../core/auth/auth';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { confirmAction } from '../../components/confirm-dialog/confirm-dialog';
import { CreateUserDialog } from './create-user-dialog';
import { RolesDialog, type RolesDialogData } from './roles-dialog';
import { roleLabel, sortRoles } from '../../core/auth/roles';
import { UsersApi } from './users-api';
import { ActionError } from '../../components/action-error/action-error';

/** How long typing pauses before the email filter asks the server. */
export const FILTER_DEBOUNCE_MS = 300;

/** Admin: every account, filtered by email, with create, roles and disable/enable. */
@Component({
  selector: 'tt-users-page',
  imports: [
    ActionError,
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
    MatTooltipModule,
    PageState,
    ReactiveFormsModule,
  ],
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage {
  private readonly usersApi = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly auth = inject(Auth);
  protected readonly network = inject(NetworkStatus);

  protected readonly columns = ['name', 'email', 'roles', 'status', 'created', 'actions'];
  protected readonly filter = new FormControl('', { nonNullable: true });
  protected readonly users = signal<User[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<Problem | null>(null);
  /** A failed action outside a dialog (enable, load more), shown above the table. */
  protected readonly actionProblem = signal<Problem | null>(null);
  /** The filter the rows on screen were loaded with. */
  protected readonly appliedFilter = signal('');
  protected readonly emptyText = computed(() =>
    this.appliedFilter()
      ? `No users with “${this.appliedFilter()}” in their email.`
      : 'No users yet. Create the first one.',
  );
  protected readonly roleLabel = roleLabel;
  protected readonly sortRoles = sortRoles;
  protected readonly message = problemMessage;
  /** Drops answers to superseded requests (the filter changed while one was in flight). */
  private generation = 0;

  constructor() {
    this.filter.valueChanges
      .pipe(
        debounceTime(FILTER_DEBOUNCE_MS),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe(() => void this.reload());
    void this.reload();
  }

  protected isSelf(user: User): boolean {
    return this.auth.user()?.id === user.id;
  }

  async reload(): Promise<void> {
    const generation = ++this.generation;
    const email = this.filter.value.trim();
    this.loading.set(true);
    this.error.set(null);
    this.actionProblem.set(null);
    try {
      const page = await this.usersApi.list({ email });
      if (generation !== this.generation) return;
      this.users.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.appliedFilter.set(email);
    } catch (error) {
      if (generation !== this.generation) return;
      this.error.set(toProblem(error));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    this.actionProblem.set(null);
    try {
      const page = await this.usersApi.list({ email: this.appliedFilter(), cursor });
      if (generation !== this.generation) return;
      const known = new Set(this.users().map((user) => user.id));
      this.users.update((users) => [...users, ...page.items.filter((u) => !known.has(u.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.actionProblem.set(toProblem(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected openCreate(): void {
    this.dialog
      .open<CreateUserDialog, void, User>(CreateUserDialog, {
        width: '560px',
        maxWidth: 'calc(100vw - 32px)',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((user) => {
        if (!user) return;
        this.users.update((users) => [user, ...users.filter((u) => u.id !== user.id)]);
        this.snackBar.open(`Created ${user.displayName} (${user.email}).`, 'OK', {
          duration: 5000,
        });
      });
  }

  protected editRoles(user: User): void {
    const self = this.isSelf(user);
    this.dialog
      .open<RolesDialog, RolesDialogData, User>(RolesDialog, {
        data: { user, self },
        width: '480px',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.replace(updated);
        this.snackBar.open(`Roles of ${updated.displayName} saved.`, 'OK', { duration: 4000 });
        if (self) {
          this.auth.setUser(updated);
          if (!updated.roles.includes('admin')) void this.router.navigateByUrl('/');
        }
      });
  }

  protected async disable(user: User): Promise<void> {
    const outcome: { updated?: User } = {};
    const confirmed = await confirmAction(this.dialog, {
      title: `Disable ${user.displayName}?`,
      message: [
        `${user.email} will be signed out everywhere at once, their API tokens revoked, and they will not be able to sign in.`,
        ...(this.isSelf(user) ? ['This is your own account: you will be signed out too.'] : []),
        'You can enable the account again later (they will need to sign in again).',
      ],
      confirmText: 'Disable',
      destructive: true,
      action: async () => {
        outcome.updated = await this.usersApi.update(user.id, { disabled: true });
      },
    });
    if (!confirmed || !outcome.updated) return;
    this.replace(outcome.updated);
    this.snackBar.open(`${user.displayName} is disabled.`, 'OK', { duration: 4000 });
  }

  protected async enable(user: User): Promise<void> {
    this.actionProblem.set(null);
    try {
      this.replace(await this.usersApi.update(user.id, { disabled: false }));
      this.snackBar.open(`${user.displayName} can sign in again.`, 'OK', { duration: 4000 });
    } catch (error) {
      this.actionProblem.set(toProblem(error));
    }
  }

  private replace(updated: User): void {
    this.users.update((users) => users.map((user) => (user.id === updated.id ? updated : user)));
  }
}
