import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditOutboxStats } from '../audit-log';
import { Env } from '../config/env.schema';
import { SystemStatusDto } from './dto/system-status.dto';
import { newestFailedJobs, QueueInspector } from './queue-inspector.service';

/**
 * What the admin's system page shows: every queue's counts, the newest failed jobs and the
 * audit outbox. Redis trouble never fails it (each queue is bounded by
 * HEALTH_CHECK_TIMEOUT_MS, as readiness is, and reported unavailable instead).
 */
@Injectable()
export class SystemStatusService {
  constructor(
    private readonly queues: QueueInspector,
    private readonly outbox: AuditOutboxStats,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async status(): Promise<SystemStatusDto> {
    const timeoutMs = this.config.get('HEALTH_CHECK_TIMEOUT_MS', { infer: true });
    const [inspections, outbox] = await Promise.all([
      Promise.all(
        this.queues.registeredQueues().map((queue) => this.queues.inspect(queue, timeoutMs)),
      ),
      this.outbox.read(),
    ]);
    return {
      queues: inspections.map((inspection) => inspection.status),
      recentFailedJobs: newestFailedJobs(inspections.map((inspection) => inspection.failedJobs)),
      outbox: { pending: outbox.backlog, oldestPendingAgeSeconds: outbox.oldestAgeSeconds },
    };
  }
}
