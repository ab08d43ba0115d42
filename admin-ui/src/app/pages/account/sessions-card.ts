import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { PageState } from '../../components/page-state/page-state';
import { Auth } from '../../core/auth/auth';
import { type Problem, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { confirmAction } from '../../components/confirm-dialog/confirm-dialog';
import { AccountApi, type Session } from './account-api';
import { describeUserAgent } from './user-agent';

/** The devices and browsers signed in as me; any of them can be signed out from here. */
@Component({
  selector: 'tt-sessions-card',
  imports: [DatePipe, MatButtonModule, MatIconModule, PageState],
  template: `
    <section class="card" aria-labelledby="sessions-title">
      <div class="card-heading">
        <h2 id="sessions-title">My sessions</h2>
        <button
          mat-icon-button
          type="button"
          aria-label="Reload sessions"
          title="Reload sessions"
          (click)="load()"
        >
          <mat-icon svgIcon="refresh" />
        </button>
      </div>
      <tt-page-state
        [loading]="loading()"
        [error]="error()"
        [empty]="sessions().length === 0"
        emptyText="No active sessions."
        what="sessions"
        (retry)="load()"
      >
        <ul class="items" aria-label="Active sessions">
          @for (session of sessions(); track session.id) {
            <li class="item" data-testid="session" [attr.data-current]="session.current">
              <mat-icon svgIcon="devices" aria-hidden="true" class="item-icon" />
              <div class="item-body">
                <div class="item-title">
                  <span [attr.title]="session.userAgent">{{ device(session) }}</span>
                  @if (session.current) {
                    <span class="chip current" data-testid="this-device">This device</span>
                  }
                </div>
                <dl class="meta">
                  <div>
                    <dt>IP</dt>
                    <dd>{{ session.ip ?? 'unknown' }}</dd>
                  </div>
                  <div>
                    <dt>Signed in</dt>
                    <dd>
                      <time [attr.datetime]="session.createdAt">{{
                        session.createdAt | date: 'medium'
                      }}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>Last used</dt>
                    <dd>
                      <time [attr.datetime]="session.lastUsedAt">{{
                        session.lastUsedAt | date: 'medium'
                      }}</time>
                    </dd>
                  </div>
                </dl>
              </div>
              <button
                mat-stroked-button
                type="button"
                class="danger"
                [disabled]="!network.online()"
                [attr.title]="network.online() ? null : 'You are offline'"
                [attr.aria-label]="
                  session.current
                    ? 'Sign out this device'
                    : 'Sign out ' + device(session) + ' from ' + (session.ip ?? 'unknown IP')
                "
                (click)="revoke(session)"
              >
                Sign out
              </button>
            </li>
          }
        </ul>
      </tt-page-state>
    </section>
  `,
  styleUrl: './account-cards.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsCard {
  private readonly accountApi = inject(AccountApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly auth = inject(Auth);
  protected readonly network = inject(NetworkStatus);

  protected readonly sessions = signal<Session[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<Problem | null>(null);

  constructor() {
    void this.load();
  }

  protected device(session: Session): string {
    return describeUserAgent(session.userAgent);
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.sessions.set(await this.accountApi.sessions());
    } catch (error) {
      this.error.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async revoke(session: Session): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: session.current ? 'Sign out this device?' : `Sign out ${this.device(session)}?`,
      message: session.current
        ? 'This is the session you are using now: you will be signed out here at once.'
        : [
            `The session from ${session.ip ?? 'an unknown address'}, last used ${new Date(session.lastUsedAt).toLocaleString()}, ends at once.`,
            'Whoever uses it will have to sign in again.',
          ],
      confirmText: 'Sign out',
      destructive: true,
      action: () => this.accountApi.revokeSession(session.id),
    });
    if (!confirmed) return;
    if (session.current) {
      this.auth.forget();
      this.snackBar.open('You signed out of this device.', 'OK', { duration: 5000 });
      await this.router.navigate(['/login']);
      return;
    }
    this.sessions.update((sessions) => sessions.filter((s) => s.id !== session.id));
    this.snackBar.open('Session signed out.', 'OK', { duration: 4000 });
  }
}
