import { Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import type { JobCounts, Queue } from 'bull';
import { Gauge } from 'prom-client';
import { withTimeout } from '../common/with-timeout';
import { Env } from '../config/env.schema';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { registeredQueues } from './registered-queues';

/** The Bull job states exported, in Bull's own names. */
export const QUEUE_JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'paused',
] as const;

/**
 * `queue_jobs{queue,state}`: jobs per Bull queue and state, read from Redis at scrape time (one
 * pipelined LLEN/ZCARD round trip per queue, bounded by HEALTH_CHECK_TIMEOUT_MS). Every process
 * reports the same Redis figures, so dashboards and alerts take `max by (queue, state)`. A
 * queue whose Redis is not connected is left out of the scrape rather than reported as 0:
 * readiness already says Redis is down, and a 0 would clear a failed-jobs alert falsely.
 */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: ConfigService<Env, true>,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  // After every module is initialised: discovery sees every registered queue by then.
  onApplicationBootstrap(): void {
    if (!this.metrics) return;
    const queues = registeredQueues(this.discovery);
    const timeoutMs = this.config.get('HEALTH_CHECK_TIMEOUT_MS', { infer: true });
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each Bull queue by state (waiting, active, delayed, failed, completed, paused), read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const counts = await Promise.all(queues.map((queue) => countsOf(queue, timeoutMs)));
        queues.forEach((queue, index) => {
          const queueCounts = counts[index];
          if (!queueCounts) return;
          for (const state of QUEUE_JOB_STATES) {
            this.set({ queue: queue.name, state }, queueCounts[state] ?? 0);
          }
        });
      },
    });
  }
}

const CONNECTING_OR_READY = new Set(['wait', 'connecting', 'connect', 'ready']);

type Counts = Partial<Record<(typeof QUEUE_JOB_STATES)[number], number>>;

async function countsOf(queue: Queue, timeoutMs: number): Promise<Counts | undefined> {
  // A client that lost its connection would only queue the commands until Redis returns; one
  // still making its first connection is waited for (within the same bound).
  if (!CONNECTING_OR_READY.has(queue.client.status)) return undefined;
  try {
    return await withTimeout(
      queue.isReady().then(() => queue.getJobCounts() as Promise<JobCounts & { paused?: number }>),
      timeoutMs,
      'Redis',
    );
  } catch {
    return undefined;
  }
}
