import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { AuditStreamDelivery } from './audit-stream-delivery';
import { AuditStreamsRepository } from './audit-streams.repository';

/** Whole batches sent to one stream in a row before the others get their turn. */
const BATCHES_PER_TURN = 20;

/**
 * The worker's loop: every AUDIT_STREAM_POLL_MS, each due stream gets batches until it is caught
 * up, fails or has had its turn. Several workers may run it: the cursor's row lock keeps one
 * batch in flight per stream. Shutdown lets the batch in flight finish.
 */
@Injectable()
export class AuditStreamRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditStreamRunner.name);
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly delivery: AuditStreamDelivery,
    private readonly streams: AuditStreamsRepository,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const pollMs = this.config.get('AUDIT_STREAM_POLL_MS', { infer: true });
    while (!this.stopped) {
      try {
        await this.turn();
      } catch (error) {
        // Postgres away: say so and try again next tick; nothing moved without a commit.
        this.logger.warn(`Audit stream delivery paused a tick: ${String(error)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async turn(): Promise<void> {
    for (const id of await this.streams.dueStreamIds()) {
      for (let i = 0; i < BATCHES_PER_TURN && !this.stopped; i += 1) {
        if ((await this.delivery.deliverNext(id)) !== 'full') break;
      }
      if (this.stopped) return;
    }
  }
}
