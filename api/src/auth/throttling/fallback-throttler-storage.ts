import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Counts in Redis so limits hold across replicas; while Redis is unreachable it counts in this
 * process instead. Limits then hold per replica (weaker, never absent), and the rest of the
 * API keeps working: a Redis outage must not stop task writes (the audit outbox absorbs them).
 */
export class FallbackThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('Throttler');
  private readonly local = new ThrottlerStorageService();
  private degraded = false;

  constructor(private readonly shared: ThrottlerStorage & { close?(): void }) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.degraded) this.logger.log('Rate-limit store reachable again; counting in Redis');
      this.degraded = false;
      return record;
    } catch (error) {
      if (!this.degraded) {
        this.logger.warn(
          `Rate-limit store unavailable (${error instanceof Error ? error.message : String(error)}); counting per process until it returns`,
        );
      }
      this.degraded = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  /** True while limits are counted per process (exposed for metrics and tests). */
  get isDegraded(): boolean {
    return this.degraded;
  }

  onApplicationShutdown(): void {
    this.shared.close?.();
    this.local.onApplicationShutdown();
  }
}
