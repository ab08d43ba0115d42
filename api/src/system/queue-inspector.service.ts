import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, JobCounts, Queue } from 'bull';
import type Redis from 'ioredis';
import { withTimeout } from '../common/with-timeout';
import { registeredQueues } from '../queue/registered-queues';
import type { FailedJobDto, QueueStatusDto } from './dto/system-status.dto';

/** How many failed jobs the status reports, over all queues. */
export const RECENT_FAILED_JOBS = 20;
const FAILED_REASON_MAX = 1000;

export interface QueueInspection {
  status: QueueStatusDto;
  failedJobs: FailedJobDto[];
}

/** The public facts of a failed job; its `data` (which may hold secrets) is never copied. */
export function failedJobOf(queue: string, job: Job): FailedJobDto {
  const reason = job.failedReason ?? null;
  return {
    queue,
    id: String(job.id),
    name: job.name,
    failedReason: reason === null ? null : reason.slice(0, FAILED_REASON_MAX),
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** Newest first over all queues (unknown times last), at most `RECENT_FAILED_JOBS`. */
export function newestFailedJobs(lists: FailedJobDto[][]): FailedJobDto[] {
  const time = (job: FailedJobDto) => (job.failedAt ? Date.parse(job.failedAt) : -Infinity);
  return lists
    .flat()
    .sort((a, b) => time(b) - time(a) || a.queue.localeCompare(b.queue))
    .slice(0, RECENT_FAILED_JOBS);
}

export function unavailableQueue(name: string, message: string): QueueStatusDto {
  return {
    name,
    available: false,
    waiting: null,
    active: null,
    delayed: null,
    failed: null,
    completed: null,
    paused: null,
    message,
  };
}

/**
 * Resolves true once `client` is connected, false if it is not within `timeoutMs`. A client
 * that lost its connection answers false at once: commands sent now would only pile up in
 * its offline queue until Redis returns.
 */
async function connected(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  if (!['wait', 'connecting', 'connect'].includes(client.status)) return false;
  return new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.once('ready', onReady);
  });
}

/**
 * Reads the Bull queues the app registered (found through Nest's discovery), each bounded by a timeout and never failing:
 * a queue whose Redis does not answer is reported unavailable.
 */
@Injectable()
export class QueueInspector {
  private queues: Queue[] | undefined;

  constructor(private readonly discovery: DiscoveryService) {}

  /** One queue per name, sorted (see `registeredQueues`). */
  registeredQueues(): Queue[] {
    this.queues ??= registeredQueues(this.discovery);
    return this.queues;
  }

  async inspect(queue: Queue, timeoutMs: number): Promise<QueueInspection> {
    if (!(await connected(queue.client, timeoutMs))) {
      return { status: unavailableQueue(queue.name, 'Redis is not connected'), failedJobs: [] };
    }
    try {
      const [counts, failed] = await withTimeout(
        Promise.all([
          queue.getJobCounts() as Promise<JobCounts & { paused?: number }>,
          queue.getFailed(0, RECENT_FAILED_JOBS - 1),
        ]),
        timeoutMs,
        'Redis',
      );
      return {
        status: {
          name: queue.name,
          available: true,
          waiting: counts.waiting,
          active: counts.active,
          delayed: counts.delayed,
          failed: counts.failed,
          completed: counts.completed,
          paused: counts.paused ?? 0,
        },
        // A job removed between listing and loading comes back as null.
        failedJobs: failed
          .filter((job): job is Job => job !== null && job !== undefined)
          .map((job) => failedJobOf(queue.name, job)),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : 'Redis did not answer';
      return { status: unavailableQueue(queue.name, message), failedJobs: [] };
    }
  }
}
