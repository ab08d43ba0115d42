import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { createTaskTrackrClient, type Schema } from '@tasktrackr/sdk';
import type { RefreshOutcome } from '../api/authorizing-fetch';
import { apiBaseUrl } from '../api/api-base-url';
import { AccessTokenStore } from './access-token-store';
import { singleFlight } from './single-flight';

type AuthResult = Schema<'AuthResult'>;

/** Refresh this long before the access token expires, so requests never see it lapse. */
const REFRESH_AHEAD_MS = 30_000;

/**
 * Owns the refresh cookie round trip: one refresh at a time, a timer that refreshes ahead of
 * expiry, and the signal that the session was lost (the shell then sends the user to login).
 */
@Injectable({ providedIn: 'root' })
export class SessionRefresher {
  private readonly tokens = inject(AccessTokenStore);
  // Refresh must not go through the authorizing fetch (a 401 there would recurse).
  private readonly client = createTaskTrackrClient({ baseUrl: apiBaseUrl() });
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly lost = signal(0);
  private readonly lastResult = signal<AuthResult | null>(null);

  /** Increments each time the session ends without the user asking. */
  readonly sessionLostCount = this.lost.asReadonly();
  /** The most recent successful refresh or login. */
  readonly latest = this.lastResult.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancelTimer());
  }

  readonly refresh: () => Promise<RefreshOutcome> = singleFlight(async () => {
    try {
      const { data, response } = await this.client.POST('/api/v1/auth/refresh');
      if (!data) {
        this.tokens.clear();
        this.cancelTimer();
        return response.status >= 500 ? 'offline' : 'unauthenticated';
      }
      this.accept(data);
      return 'refreshed';
    } catch {
      return 'offline';
    }
  });

  /** A login, registration or refresh result: keep the token and plan the next refresh. */
  accept(result: AuthResult): void {
    this.tokens.set(result.accessToken, result.expiresIn);
    this.lastResult.set(result);
    this.schedule(result.expiresIn * 1000);
  }

  sessionLost(): void {
    this.clear();
    this.lost.update((count) => count + 1);
  }

  clear(): void {
    this.cancelTimer();
    this.tokens.clear();
    this.lastResult.set(null);
  }

  private schedule(lifetimeMs: number): void {
    this.cancelTimer();
    const delay = Math.max(lifetimeMs - REFRESH_AHEAD_MS, lifetimeMs / 2, 1_000);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
