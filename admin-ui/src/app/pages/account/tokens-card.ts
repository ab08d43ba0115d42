import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { PageState } from '../../components/page-state/page-state';
import { type Problem, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { confirmAction } from '../../components/confirm-dialog/confirm-dialog';
import { AccountApi, type ApiToken, type CreatedApiToken, withoutValue } from './account-api';
import { CreateTokenDialog } from './create-token-dialog';
import { TokenCreatedDialog } from './token-created-dialog';

/** My personal API tokens for scripts and integrations: create (value shown once), revoke. */
@Component({
  selector: 'tt-tokens-card',
  imports: [DatePipe, MatButtonModule, MatIconModule, PageState],
  template: `
    <section class="card" aria-labelledby="tokens-title">
      <div class="card-heading">
        <h2 id="tokens-title">My API tokens</h2>
        <span class="spacer"></span>
        <button
          mat-flat-button
          type="button"
          [disabled]="!network.online()"
          [attr.title]="network.online() ? null : 'You are offline'"
          (click)="create()"
        >
          <mat-icon svgIcon="key" aria-hidden="true" />
          New token
        </button>
      </div>
      <p class="muted intro">
        For scripts and integrations: send one as a bearer token. It can do only what its scopes and
        your roles allow.
      </p>
      <tt-page-state
        [loading]="loading()"
        [error]="error()"
        [empty]="tokens().length === 0"
        emptyText="You have no API tokens."
        what="API tokens"
        (retry)="load()"
      >
        <ul class="items" aria-label="API tokens">
          @for (token of tokens(); track token.id) {
            <li class="item" data-testid="token" [attr.data-name]="token.name">
              <mat-icon svgIcon="key" aria-hidden="true" class="item-icon" />
              <div class="item-body">
                <div class="item-title">
                  <span>{{ token.name }}</span>
                  <code class="muted">{{ token.prefix }}…</code>
                </div>
                <div class="chips" aria-label="Scopes">
                  @for (scope of token.scopes; track scope) {
                    <span class="chip"
                      ><code>{{ scope }}</code></span
                    >
                  }
                </div>
                <dl class="meta">
                  <div>
                    <dt>Created</dt>
                    <dd>{{ token.createdAt | date: 'medium' }}</dd>
                  </div>
                  <div>
                    <dt>Last used</dt>
                    <dd>{{ token.lastUsedAt ? (token.lastUsedAt | date: 'medium') : 'Never' }}</dd>
                  </div>
                  <div>
                    <dt>Expires</dt>
                    <dd>{{ token.expiresAt ? (token.expiresAt | date: 'medium') : 'Never' }}</dd>
                  </div>
                </dl>
              </div>
              <button
                mat-stroked-button
                type="button"
                class="danger"
                [disabled]="!network.online()"
                [attr.title]="network.online() ? null : 'You are offline'"
                [attr.aria-label]="'Revoke token ' + token.name"
                (click)="revoke(token)"
              >
                Revoke
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
export class TokensCard {
  private readonly accountApi = inject(AccountApi);
  private readonly dialog = inject(MatDialog);
  protected readonly network = inject(NetworkStatus);

  protected readonly tokens = signal<ApiToken[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<Problem | null>(null);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.tokens.set(await this.accountApi.tokens());
    } catch (error) {
      this.error.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected create(): void {
    this.dialog
      .open<CreateTokenDialog, void, CreatedApiToken>(CreateTokenDialog, {
        width: '520px',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((created) => {
        if (!created) return;
        this.tokens.update((tokens) => [withoutValue(created), ...tokens]);
        this.dialog.open(TokenCreatedDialog, {
          data: created,
          width: '560px',
          maxWidth: 'calc(100vw - 32px)',
          // Only a deliberate "I have copied it" closes it: the value cannot be shown again.
          disableClose: true,
        });
      });
  }

  protected async revoke(token: ApiToken): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: `Revoke “${token.name}”?`,
      message: [
        `Anything using the token ${token.prefix}… stops working at once.`,
        'This cannot be undone; create a new token if you need one again.',
      ],
      confirmText: 'Revoke',
      destructive: true,
      action: () => this.accountApi.revokeToken(token.id),
    });
    if (!confirmed) return;
    this.tokens.update((tokens) => tokens.filter((t) => t.id !== token.id));
  }
}
