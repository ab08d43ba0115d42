import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { withProducerSpan } from '../common/telemetry/job-trace';
import { AUDIT_QUEUE, SEAL_JOB, type SealJobData } from './audit-queue';

/**
 * Asks a worker to seal, once the transaction that recorded events has committed (a job that
 * ran before the commit would find nothing). Best effort by design: when Redis is down the
 * request waits in ioredis' offline queue or is dropped, and the workers' periodic sweep
 * seals whatever the outbox holds; writes never wait for Redis.
 *
 * The job carries the W3C trace context of the code that asked (the request whose commit this
 * follows), so its sealing continues that trace (docs/operations.md, "Tracing").
 */
@Injectable()
export class AuditSealSignal implements EntitySubscriberInterface, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuditSealSignal.name);
  private readonly awaitingCommit = new WeakSet<QueryRunner>();
  /** One add in flight per process is enough: the job it creates drains everything committed. */
  private inFlight = false;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  onModuleDestroy(): void {
    this.closed = true;
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
  }

  /** Called by `AuditLogService.record` after its insert. */
  recorded(queryRunner: QueryRunner | undefined): void {
    if (queryRunner?.isTransactionActive) this.awaitingCommit.add(queryRunner);
    else this.request();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint also "commits": wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive) return;
    if (!this.awaitingCommit.delete(event.queryRunner)) return;
    this.request();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.awaitingCommit.delete(event.queryRunner);
  }

  request(): void {
    if (this.inFlight || this.closed) return;
    this.inFlight = true;
    withProducerSpan(AUDIT_QUEUE, SEAL_JOB, (trace) =>
      this.queue.add(SEAL_JOB, { trace } satisfies SealJobData, {
        removeOnComplete: true,
        removeOnFail: 100,
        attempts: 1,
      }),
    )
      .catch((error: unknown) => {
        this.logger.debug(`Seal request not queued (the sweep will catch up): ${String(error)}`);
      })
      .finally(() => {
        this.inFlight = false;
      });
  }
}
