import { Injectable, signal } from '@angular/core';

/**
 * The access token lives here, in memory only: never in storage, so a script injected into
 * the page cannot read a long-lived credential. A reload gets a new one via the refresh cookie.
 */
@Injectable({ providedIn: 'root' })
export class AccessTokenStore {
  private readonly current = signal<string | null>(null);
  private readonly expires = signal<number | null>(null);

  readonly token = this.current.asReadonly();
  /** Epoch milliseconds when the token expires. */
  readonly expiresAt = this.expires.asReadonly();

  set(token: string, expiresInSeconds: number, now = Date.now()): void {
    this.current.set(token);
    this.expires.set(now + expiresInSeconds * 1000);
  }

  clear(): void {
    this.current.set(null);
    this.expires.set(null);
  }
}
