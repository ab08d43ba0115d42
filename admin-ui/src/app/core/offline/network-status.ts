import { DestroyRef, inject, Injectable, signal } from '@angular/core';

/**
 * Online/offline as the browser reports it, and when the data on screen was fetched, for the
 * "offline — showing data from 14:02" banner. Writes are disabled while offline.
 */
@Injectable({ providedIn: 'root' })
export class NetworkStatus {
  private readonly isOnline = signal(globalThis.navigator?.onLine ?? true);
  private readonly dataTime = signal<Date | null>(null);

  readonly online = this.isOnline.asReadonly();
  /** When the data on screen was produced by the server (its `Date` header). */
  readonly dataFrom = this.dataTime.asReadonly();

  constructor() {
    const update = () => this.isOnline.set(globalThis.navigator.onLine);
    globalThis.addEventListener?.('online', update);
    globalThis.addEventListener?.('offline', update);
    inject(DestroyRef).onDestroy(() => {
      globalThis.removeEventListener?.('online', update);
      globalThis.removeEventListener?.('offline', update);
    });
  }

  /** Records the server time of a response just shown (cached responses keep their old Date). */
  noteResponse(response: Response): void {
    const date = response.headers.get('date');
    const parsed = date ? new Date(date) : new Date();
    this.dataTime.set(Number.isNaN(parsed.getTime()) ? new Date() : parsed);
  }
}
