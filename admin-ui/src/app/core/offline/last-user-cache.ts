import { Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';

type User = Schema<'User'>;

const KEY = 'tt.lastUser';

/**
 * The last signed-in user's profile (never a token), so the app can open offline and show the
 * data the service worker cached. Cleared, with those cached API responses, on logout.
 */
@Injectable({ providedIn: 'root' })
export class LastUserCache {
  read(): User | null {
    try {
      const raw = globalThis.localStorage?.getItem(KEY);
      return raw ? (JSON.parse(raw) as User) : null;
    } catch {
      return null;
    }
  }

  write(user: User): void {
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify(user));
    } catch {
      // Storage full or disabled: offline start-up simply will not know the user.
    }
  }

  /** Forgets the profile and the service worker's cached API answers (another user may sign in). */
  async clear(): Promise<void> {
    globalThis.localStorage?.removeItem(KEY);
    if (!('caches' in globalThis)) return;
    const names = await caches.keys();
    await Promise.all(
      names.filter((name) => name.includes(':data:')).map((name) => caches.delete(name)),
    );
  }
}
