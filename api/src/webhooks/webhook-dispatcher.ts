import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { DeliveriesRepository } from './deliveries.repository';
import { SubscriptionsRepository } from './subscriptions.repository';
import { WebhookSenderService } from './webhook-sender.service';
import { WEBHOOK_LIMITS } from './webhook.constants';

/**
 * The worker-side loop (APP_ROLE worker/all): every WEBHOOK_POLL_INTERVAL_MS, and at once
 * again while there is work, it (1) fans new sealed audit events out into each subscription's
 * queue and (2) sends the due head of each queue, WEBHOOK_CONCURRENCY subscriptions at a time.
 * Everything it needs is in Postgres, so any number of workers can run it side by side, and a
 * worker that dies loses nothing. A timer rather than a Bull job: it must not depend on Redis.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly intervalMs: number;
  private readonly concurrency: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly sender: WebhookSenderService,
    config: ConfigService<Env, true>,
  ) {
    this.intervalMs = config.get('WEBHOOK_POLL_INTERVAL_MS', { infer: true });
    this.concurrency = config.get('WEBHOOK_CONCURRENCY', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then((busy) => this.schedule(busy ? 0 : this.intervalMs))
        .catch((error: unknown) => {
          this.logger.warn(`webhook dispatch failed: ${(error as Error).message}`);
          this.schedule(this.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One round; true when it did something (then the next round starts at once). */
  async tick(): Promise<boolean> {
    let busy = false;
    for (const id of await this.subscriptions.allIds()) {
      if (this.stopped) return false;
      const examined = await this.deliveries.fanOut(id, WEBHOOK_LIMITS.fanOutBatch);
      if (examined === WEBHOOK_LIMITS.fanOutBatch) busy = true;
    }
    const due = await this.deliveries.dueSubscriptions(this.concurrency * 4);
    let next = 0;
    const lane = async () => {
      while (!this.stopped && next < due.length) {
        const id = due[next++];
        if ((await this.sender.drain(id)) > 0) busy = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, lane));
    return busy;
  }
}
