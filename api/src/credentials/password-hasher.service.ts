import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import pLimit from 'p-limit';
import { ProblemException } from '../common/problem/problem.exception';
import type { Env } from '../config/env.schema';
import { Argon2Params, argon2Options, hashNeedsUpgrade } from './argon2-params';

/** Seconds a client is asked to wait when the hashing queue is full. */
const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * The only place passwords are hashed and verified. Each hash costs ~19 MiB and tens of
 * milliseconds of CPU, so at most PASSWORD_HASH_CONCURRENCY run at once and
 * PASSWORD_HASH_QUEUE_MAX more wait: a login flood queues behind them instead of starving
 * every other request of CPU, and past the queue it is refused with a 503 and `Retry-After`.
 */
@Injectable()
export class PasswordHasherService {
  private readonly params: Argon2Params;
  private readonly limit: pLimit.Limit;
  private readonly concurrency: number;
  private readonly queueMax: number;

  constructor(config: ConfigService<Env, true>) {
    this.params = {
      memoryCost: config.get('PASSWORD_HASH_MEMORY_KIB', { infer: true }),
      timeCost: config.get('PASSWORD_HASH_TIME_COST', { infer: true }),
      parallelism: config.get('PASSWORD_HASH_PARALLELISM', { infer: true }),
    };
    this.concurrency = config.get('PASSWORD_HASH_CONCURRENCY', { infer: true });
    this.limit = pLimit(this.concurrency);
    this.queueMax = config.get('PASSWORD_HASH_QUEUE_MAX', { infer: true });
  }

  hash(password: string): Promise<string> {
    return this.admit(() => argon2.hash(password, argon2Options(this.params)));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.admit(() => argon2.verify(hash, password));
  }

  /** Whether `hash` should be replaced by one with the current parameters. */
  needsRehash(hash: string): boolean {
    return hashNeedsUpgrade(hash, this.params);
  }

  /** How many hashes are admitted now, running or waiting (for tests and metrics). */
  load(): number {
    return this.limit.activeCount + this.limit.pendingCount;
  }

  /**
   * Refuses now, with the same 503, when a hash would be refused anyway: sign-in calls it
   * before its database work, so a flood's refusals cost less.
   */
  refuseIfSaturated(): void {
    if (this.saturated()) throw this.busy();
  }

  private admit<T>(work: () => Promise<T>): Promise<T> {
    if (this.saturated()) return Promise.reject(this.busy());
    return this.limit(work);
  }

  private saturated(): boolean {
    // Counted together: p-limit starts queued work a microtask later, so a synchronous burst
    // shows as pending before it shows as active.
    return this.limit.activeCount + this.limit.pendingCount >= this.concurrency + this.queueMax;
  }

  private busy(): ProblemException {
    return new ProblemException({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      title: 'Too many sign-ins at once',
      detail: 'The server is busy checking passwords; try again shortly.',
      headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) },
    });
  }
}
