/**
 * Filter sets recently found to have more than `LIST_BOUND` matches (task-list-plan.ts), so
 * their next pages (the same search, page 2, another user's identical search) go from the
 * window straight to the single statement instead of counting the matches again. It only picks
 * which statement runs; a stale entry costs the old single statement's time, never a wrong page.
 */
export class ManyMatchesMemo {
  /** Key → when it expires (ms); a Map keeps insertion order, so the first key is the oldest. */
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.entries.delete(key);
    return false;
  }

  add(key: string): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, this.now() + this.ttlMs);
  }
}
