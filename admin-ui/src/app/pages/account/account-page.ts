import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { Auth } from '../../core/auth/auth';
import { PasswordCard } from './password-card';
import { ProfileCard } from './profile-card';
import { SessionsCard } from './sessions-card';
import { TokensCard } from './tokens-card';

/** My account: profile and name, password, signed-in sessions, personal API tokens. */
@Component({
  selector: 'tt-account-page',
  imports: [PasswordCard, ProfileCard, SessionsCard, TokensCard],
  template: `
    <section class="page" aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
      <div class="grid">
        <tt-profile-card />
        <tt-password-card [email]="auth.user()?.email ?? ''" (changed)="sessions()?.load()" />
        <tt-sessions-card class="wide" />
        <tt-tokens-card class="wide" />
      </div>
    </section>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr));
      gap: 16px;
      align-items: start;
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly auth = inject(Auth);
  protected readonly sessions = viewChild(SessionsCard);
}
