import { computed, inject, Injectable, signal } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../api/api';
import { unwrap } from '../errors/problem';
import { LastUserCache } from '../offline/last-user-cache';
import { SessionRefresher } from './session-refresher';

export type User = Schema<'User'>;
export type Role = Schema<'Role'>;
export type Credentials = Schema<'Login'>;
export type Registration = Schema<'Register'>;

/**
 * Who is signed in. `restore()` runs before the first route: it trades the HttpOnly refresh
 * cookie for an access token, or, offline, shows the last user with cached data.
 */
@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly api = inject(Api);
  private readonly refresher = inject(SessionRefresher);
  private readonly lastUser = inject(LastUserCache);
  private readonly current = signal<User | null>(null);
  private readonly offlineSession = signal(false);

  readonly user = this.current.asReadonly();
  readonly signedIn = computed(() => this.current() !== null);
  /** True when the user is shown from the offline cache, without a live session. */
  readonly offline = this.offlineSession.asReadonly();
  readonly roles = computed<readonly Role[]>(() => this.current()?.roles ?? []);
  readonly sessionLostCount = this.refresher.sessionLostCount;

  hasAnyRole(roles: readonly Role[]): boolean {
    const mine = this.roles();
    return roles.some((role) => mine.includes(role));
  }

  async restore(): Promise<void> {
    const outcome = await this.refresher.refresh();
    if (outcome === 'refreshed') {
      this.setUser(this.refresher.latest()?.user ?? null);
      return;
    }
    const cached = outcome === 'offline' ? this.lastUser.read() : null;
    this.current.set(cached);
    this.offlineSession.set(cached !== null);
  }

  async login(credentials: Credentials): Promise<User> {
    const result = unwrap(await this.api.client.POST('/api/v1/auth/login', { body: credentials }));
    this.refresher.accept(result);
    this.setUser(result.user);
    return result.user;
  }

  async register(registration: Registration): Promise<User> {
    const result = unwrap(
      await this.api.client.POST('/api/v1/auth/register', { body: registration }),
    );
    this.refresher.accept(result);
    this.setUser(result.user);
    return result.user;
  }

  async logout(): Promise<void> {
    try {
      await this.api.client.POST('/api/v1/auth/logout');
    } finally {
      this.forget();
    }
  }

  /** Replaces the signed-in user's profile (after the account page changed it). */
  setUser(user: User | null): void {
    this.current.set(user);
    this.offlineSession.set(false);
    if (user) this.lastUser.write(user);
  }

  /** Ends the session locally (logout, or the server refused it). */
  forget(): void {
    this.refresher.clear();
    this.current.set(null);
    this.offlineSession.set(false);
    void this.lastUser.clear();
  }
}
