import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { leaseCommand, LeaseReply, parseLeaseReply } from './lease-script';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** What this process holds for one key: hits leased from the current window, and a known block. */
interface Holding {
  /** Leased hits not used yet; valid until `windowEndsAt`. */
  hits: number;
  /** A lower bound of the window's end (measured from before the lease was sent). */
  windowEndsAt: number;
  /** The window's counter after our last grant, to report how much of the limit is gone. */
  counter: number;
  lastGrant: number;
  blockedUntil: number;
  inFlight?: Promise<void>;
}

const SWEEP_INTERVAL_MS = 10_000;
/** Below this grant the budget is nearly spent: lease on demand only, never ahead. */
const PREFETCH_MIN_GRANT = 4;

/**
 * A fixed-window limit shared by all replicas through Redis, without a Redis round trip per
 * request: each process leases a few hits at a time from the window's counter in Redis (one
 * script call, see lease-script.ts) and spends them locally, leasing the next batch ahead when
 * half the last one is used. Redis only hands out hits the window still has, so all replicas
 * together admit at most `limit` per window - no overshoot. The cost is the other way: hits a
 * replica leased but did not use before the window ends are lost (under `1.5 × maxLease` per
 * replica and key, less as the budget runs out). A block (over the limit) is remembered here
 * until it ends, so a caller being refused costs no round trip either.
 */
export class LeasedThrottlerStorage implements ThrottlerStorage {
  private readonly holdings = new Map<string, Holding>();
  private readonly lease: ReturnType<typeof leaseCommand>;
  private readonly sweeper: NodeJS.Timeout;
  /**
   * Set when a lease failed: held hits are then not spent until a lease succeeds again, so
   * each request reaches for Redis and, failing, is counted by the per-process fallback (which
   * so knows Redis is down, rather than seeing successes served from what was held).
   */
  private unreachable = false;

  constructor(
    redis: Redis,
    private readonly maxLease: number,
  ) {
    this.lease = leaseCommand(redis);
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const redisKey = `{${key}:${throttlerName}}`;
    let holding = this.holdings.get(redisKey);
    if (!holding) {
      holding = { hits: 0, windowEndsAt: 0, counter: 0, lastGrant: 0, blockedUntil: 0 };
      this.holdings.set(redisKey, holding);
    }
    for (;;) {
      const now = Date.now();
      if (now >= holding.windowEndsAt) holding.hits = 0;
      if (holding.hits > 0 && !this.unreachable) {
        holding.hits -= 1;
        if (holding.hits < holding.lastGrant / 2 && holding.lastGrant >= PREFETCH_MIN_GRANT) {
          // Ahead of need; a failure here surfaces on the next lease that is awaited.
          this.refill(redisKey, holding, ttl, limit, blockDuration).catch(() => undefined);
        }
        return this.record(holding, now, false);
      }
      if (now < holding.blockedUntil) return this.record(holding, now, true);
      // Every lease grants a hit, records a block or throws, so this loop ends.
      await this.refill(redisKey, holding, ttl, limit, blockDuration);
    }
  }

  /** One lease in flight per key: concurrent requests wait for the same one. */
  private refill(
    redisKey: string,
    holding: Holding,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<void> {
    holding.inFlight ??= (async () => {
      try {
        const sentAt = Date.now();
        const reply = parseLeaseReply(
          await this.lease(
            `${redisKey}:hits`,
            `${redisKey}:blocked`,
            ttl,
            limit,
            blockDuration,
            this.maxLease,
          ),
        );
        this.apply(holding, reply, sentAt);
        this.unreachable = false;
      } catch (error) {
        this.unreachable = true;
        throw error;
      } finally {
        holding.inFlight = undefined;
      }
    })();
    return holding.inFlight;
  }

  private apply(holding: Holding, reply: LeaseReply, sentAt: number): void {
    if (reply.blocked) {
      // The window is left alone: hits still held must not outlive the one they came from.
      holding.blockedUntil = sentAt + reply.blockLeftMs;
      return;
    }
    // Hits still held from an older window must not be spent in this one.
    if (reply.fresh || sentAt >= holding.windowEndsAt) holding.hits = 0;
    holding.hits += reply.granted;
    holding.lastGrant = reply.granted;
    holding.counter = reply.counter;
    holding.windowEndsAt = sentAt + reply.windowLeftMs;
  }

  private record(holding: Holding, now: number, isBlocked: boolean): ThrottlerStorageRecord {
    return {
      // As far as this process knows: hits handed out in the window minus those it holds unused.
      totalHits: holding.counter - holding.hits,
      timeToExpire: Math.max(0, Math.ceil((holding.windowEndsAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((holding.blockedUntil - now) / 1000) : 0,
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, holding] of this.holdings) {
      if (!holding.inFlight && now >= holding.windowEndsAt && now >= holding.blockedUntil) {
        this.holdings.delete(key);
      }
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    this.holdings.clear();
  }
}
