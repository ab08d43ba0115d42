import { Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { Env } from '../config/env.schema';
import type { Job } from 'bull';
import { AuditExportsService, ExportJobData } from './audit-exports.service';
import { withConsumerSpan } from '../common/telemetry/job-trace';
import { AUDIT_QUEUE, EXPORT_JOB, SEAL_JOB, type SealJobData, WITNESS_JOB } from './audit-queue';
import { AuditSealSignal } from './audit-seal-signal';
import { AuditSealerService } from './audit-sealer.service';
import { TreeCheckpointer } from './tree/tree-checkpointer.service';
import { AuditWitnessSignal } from './witness/audit-witness-signal';
import { AuditWitnessService, type WitnessRound } from './witness/audit-witness.service';

/**
 * Worker side: `seal` drains the outbox; `export` writes a background export; `witness` asks
 * the witnesses to co-sign the latest checkpoint.
 */
@Processor(AUDIT_QUEUE)
export class AuditSealProcessor {
  constructor(
    private readonly sealer: AuditSealerService,
    private readonly exports: AuditExportsService,
    private readonly witness: AuditWitnessService,
    private readonly witnessSignal: AuditWitnessSignal,
  ) {}

  /**
   * Inside a span continuing the trace of the request that queued the job; the sealer links it
   * to the other requests whose events the same drain seals.
   */
  @Process(SEAL_JOB)
  async seal(job: Job<SealJobData>): Promise<{ sealed: number }> {
    return withConsumerSpan(AUDIT_QUEUE, SEAL_JOB, job.data.trace, async (span) => {
      const sealed = await this.sealer.drain();
      span.setAttribute('audit.events_sealed', sealed);
      // Committed by now, outside any sealing transaction: a new checkpoint can be witnessed.
      if (sealed > 0) this.witnessSignal.request();
      return { sealed };
    });
  }

  /** A trace of its own: no request asks for it (a seal or the sweep does). */
  @Process(WITNESS_JOB)
  async witnessLatest(): Promise<WitnessRound> {
    return withConsumerSpan(AUDIT_QUEUE, WITNESS_JOB, undefined, () =>
      this.witness.witnessLatest(),
    );
  }

  /** Continues the trace of the request that asked for the export. */
  @Process(EXPORT_JOB)
  async export(job: Job<ExportJobData>): Promise<void> {
    await withConsumerSpan(AUDIT_QUEUE, EXPORT_JOB, job.data.trace, async (span) => {
      span.setAttribute('audit.export_id', job.data.exportId);
      await this.exports.run(job.data.exportId, job);
    });
  }
}

/**
 * Every AUDIT_SWEEP_INTERVAL_MS each worker looks at the outbox and, when it holds rows, asks
 * for a seal job: this catches rows whose job was lost (Redis down at commit time, a job
 * dropped with Redis' data). A timer rather than a Bull repeatable job, because a repeatable
 * job lives in Redis and is lost with it.
 */
@Injectable()
export class AuditOutboxSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditOutboxSweep.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly signal: AuditSealSignal,
    private readonly exports: AuditExportsService,
    private readonly witnessSignal: AuditWitnessSignal,
    private readonly config: ConfigService<Env, true>,
    private readonly checkpointer: TreeCheckpointer,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.get('AUDIT_SWEEP_INTERVAL_MS', { infer: true });
    this.timer = setInterval(() => void this.sweep(), interval);
    this.timer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM audit_outbox LIMIT 1');
      if (rows.length > 0) this.signal.request();
      // Notices a sealed head without a checkpoint (e.g. after a restart) and signs or schedules.
      await this.checkpointer.maybeCheckpoint();
      this.witnessSignal.request();
      await this.exports.maintain();
    } catch (error) {
      this.logger.warn(`Outbox sweep failed: ${String(error)}`);
    }
  }
}
