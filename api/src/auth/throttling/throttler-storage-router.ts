import type { ThrottlerStorage } from '@nestjs/throttler';

/** Sends each named limit to its own store: the strict ones exact, the general one leased. */
export class ThrottlerStorageRouter implements ThrottlerStorage {
  constructor(
    private readonly byName: Readonly<Record<string, ThrottlerStorage>>,
    private readonly otherwise: ThrottlerStorage,
  ) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const store = this.byName[throttlerName] ?? this.otherwise;
    return store.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  close(): void {
    for (const store of [...Object.values(this.byName), this.otherwise]) {
      if ('close' in store && typeof store.close === 'function')
        (store as { close(): void }).close();
    }
  }
}
