import {
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { Counter } from 'prom-client';
import { Env } from '../../config/env.schema';
import { MetricsRegistry } from '../../metrics/metrics.registry';
import { REDIS_CLIENT } from '../../redis/redis.constants';
import { CacheLookup, PrincipalCache } from './principal-cache';

/** Bounds memory: a principal is a few hundred bytes, so this is a few MB at most. */
const MAX_ENTRIES = 10_000;

/**
 * The process's principal cache and what keeps it fresh across replicas: a change that can
 * revoke or alter a user's access is `announce`d after its commit; that evicts the user here
 * at once and publishes the user id on `<QUEUE_PREFIX>:auth:principals`, where every other
 * replica's subscriber evicts it too. The cache is used only while that subscription stands
 * (docs/auth.md, "Freshness"); `PRINCIPAL_CACHE_TTL_MS` bounds a lost message.
 */
@Injectable()
export class PrincipalInvalidations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalInvalidations.name);
  readonly cache: PrincipalCache;
  private readonly channel: string;
  private readonly lookups: Counter<'result'> | undefined;
  private subscriber: Redis | undefined;
  /** Counts connections, so a SUBSCRIBE answered after its connection dropped is ignored. */
  private connection = 0;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: ConfigService<Env, true>,
    @Optional() metrics?: MetricsRegistry,
  ) {
    this.cache = new PrincipalCache({
      ttlMs: config.get('PRINCIPAL_CACHE_TTL_MS', { infer: true }),
      maxEntries: MAX_ENTRIES,
    });
    this.channel = `${config.get('QUEUE_PREFIX', { infer: true })}:auth:principals`;
    this.lookups = metrics
      ? new Counter({
          name: 'auth_principal_cache_lookups_total',
          help: 'Principal lookups by the auth guard: hit, miss (read the database) or bypass (cache off or not subscribed)',
          labelNames: ['result'] as const,
          registers: [metrics.registry],
        })
      : undefined;
  }

  onModuleInit(): void {
    if (!this.cache.enabled) return;
    // A subscribed connection can run no other command, hence its own. It subscribes on
    // every `ready` itself (not ioredis' auto-resubscribe) so we know when messages flow again.
    const subscriber = this.redis.duplicate({ autoResubscribe: false });
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.debug(`subscriber: ${error.message}`));
    subscriber.on('ready', () => this.subscribe(subscriber));
    subscriber.on('close', () => {
      this.connection += 1;
      this.cache.setLive(false);
    });
    subscriber.on('message', (channel: string, userId: string) => {
      if (channel === this.channel) this.cache.evictUser(userId);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.cache.setLive(false);
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /**
   * Call after the change committed: `userId`'s sessions, tokens, roles or account changed.
   * Never throws (the change is durable); an unpublished message is bounded by the TTL.
   */
  async announce(userId: string): Promise<void> {
    this.cache.evictUser(userId);
    if (!this.cache.enabled) return;
    try {
      await this.redis.publish(this.channel, userId);
    } catch (error) {
      this.logger.warn(`principal invalidation not published: ${(error as Error).message}`);
    }
  }

  count(result: CacheLookup): void {
    this.lookups?.inc({ result });
  }

  private subscribe(subscriber: Redis): void {
    const connection = this.connection;
    subscriber.subscribe(this.channel).then(
      // Messages may have been missed while unsubscribed: setLive starts from empty.
      () => {
        if (connection === this.connection) this.cache.setLive(true);
      },
      (error: Error) => this.logger.warn(`principal invalidations: ${error.message}`),
    );
  }
}
