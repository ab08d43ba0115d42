import type { Principal } from '../../common/access/principal';

/** How a lookup went, for the hit/miss counter. */
export type CacheLookup = 'hit' | 'miss' | 'bypass';

interface Entry {
  principal: Principal;
  /** Epoch milliseconds after which the entry is not used. */
  expiresAt: number;
}

export interface PrincipalCacheOptions {
  /** How long an entry may be used; 0 turns the cache off. */
  ttlMs: number;
  /** Least recently used entries go first beyond this many. */
  maxEntries: number;
  now?: () => number;
}

/**
 * The principals of recent requests, per process, so a burst of requests with one credential
 * reads the database once per `ttlMs` instead of once per request (docs/auth.md, freshness).
 *
 * Rules:
 * - Only found principals are kept. Unknown, revoked or expired credentials go to the
 *   database every time: caching a refusal gains a legitimate client nothing (it signs in
 *   again, with a new credential), and a flood of made-up tokens must not evict good entries.
 * - An entry never outlives `ttlMs` (the safety net for a lost invalidation), nor the
 *   session's or token's own expiry.
 * - Nothing is used or kept while invalidations cannot arrive (`setLive(false)`); going live
 *   again starts from empty, since messages may have been lost meanwhile.
 * - A read that started before an invalidation is not stored after it (the epoch check), so
 *   a request racing a revocation cannot put the old principal back.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private epoch = 0;
  private live = false;

  constructor(private readonly options: PrincipalCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** Whether entries may be used and stored now. */
  get usable(): boolean {
    return this.enabled && this.live;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Invalidations arrive (`true`) or may be missed (`false`); either change empties the cache. */
  setLive(live: boolean): void {
    if (live === this.live) return;
    this.live = live;
    this.clear();
  }

  /** The cached principal for `key`, or why there is none. */
  get(key: string): { result: CacheLookup; principal?: Principal } {
    if (!this.usable) return { result: 'bypass' };
    const entry = this.entries.get(key);
    if (!entry) return { result: 'miss' };
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return { result: 'miss' };
    }
    // Map order is insertion order: re-inserting makes it the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { result: 'hit', principal: entry.principal };
  }

  /** Marks the start of a database read whose result may be stored with `set`. */
  begin(): number {
    return this.epoch;
  }

  /**
   * Keeps `principal` under `key` unless an invalidation happened since `begun` (from `begin`)
   * or the cache is not usable. `validUntil`: the credential's own expiry, if any.
   */
  set(key: string, principal: Principal, begun: number, validUntil: Date | null = null): void {
    if (!this.usable || begun !== this.epoch) return;
    const expiresAt = Math.min(
      this.now() + this.options.ttlMs,
      validUntil ? validUntil.getTime() : Infinity,
    );
    this.entries.delete(key);
    this.entries.set(key, { principal: freeze(principal), expiresAt });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Drops every entry of `userId` (sessions and API tokens alike). */
  evictUser(userId: string): void {
    this.epoch += 1;
    for (const [key, entry] of this.entries) {
      if (entry.principal.userId === userId) this.entries.delete(key);
    }
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
  }
}

/** One principal object serves many requests, so none of them may change it. */
function freeze(principal: Principal): Principal {
  Object.freeze(principal.roles);
  if (principal.scopes) Object.freeze(principal.scopes);
  return Object.freeze(principal);
}
