import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { Env } from '../../config/env.schema';
import { REDIS_CLIENT } from '../../redis/redis.constants';
import { type Lsn, parseSortableLsn, sortableLsn } from './lsn';
import { writerPositionTtlMs } from './read-routing';

/**
 * Keeps the larger position: two API replicas recording one user's writes at once must not
 * lower it. Positions are fixed-width hex, so comparing the strings compares the positions.
 */
const KEEP_LARGER = `
local current = redis.call('GET', KEYS[1])
if current and current >= ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])`;

/**
 * The primary's WAL position after each user's latest write, in Redis, so that every API
 * replica sends that user's reads to the primary (or to a replica that has replayed it) for
 * a bounded time: `writerPositionTtlMs`, after which any replica the router would use holds
 * the write anyway. Keys: `<QUEUE_PREFIX>:replicas:written:<userId>`.
 */
@Injectable()
export class WriterPositions {
  private readonly prefix: string;
  readonly ttlMs: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: ConfigService<Env, true>,
  ) {
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:replicas:written:`;
    this.ttlMs = writerPositionTtlMs(config.get('REPLICA_MAX_LAG_MS', { infer: true }));
  }

  async remember(userId: string, lsn: Lsn): Promise<void> {
    await this.redis.eval(KEEP_LARGER, 1, this.prefix + userId, sortableLsn(lsn), this.ttlMs);
  }

  /** The position `userId`'s reads must see, or null when they wrote nothing recently. */
  async positionOf(userId: string): Promise<Lsn | null> {
    return parseSortableLsn(await this.redis.get(this.prefix + userId));
  }
}
