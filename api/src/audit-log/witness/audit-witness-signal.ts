import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { AUDIT_QUEUE, WITNESS_JOB } from '../audit-queue';
import { AuditWitnessService } from './audit-witness.service';

/** Retries of one witness job: 1 s, 2 s, 4 s … 32 s apart; the sweep starts a new one later. */
const WITNESS_ATTEMPTS = 7;

/**
 * Asks a worker to send the latest checkpoint to the witnesses: after a seal job committed
 * (a new checkpoint may exist) and on every outbox sweep (catch-up after a witness outage).
 * A no-op without AUDIT_WITNESS_URL.
 */
@Injectable()
export class AuditWitnessSignal {
  private readonly logger = new Logger(AuditWitnessSignal.name);
  private inFlight = false;

  constructor(
    private readonly witness: AuditWitnessService,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  request(): void {
    if (!this.witness.enabled || this.inFlight) return;
    this.inFlight = true;
    this.queue
      .add(
        WITNESS_JOB,
        {},
        {
          // One pending job is enough: it sends the latest checkpoint, whatever came before.
          jobId: `${WITNESS_JOB}-pending`,
          attempts: WITNESS_ATTEMPTS,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      )
      .catch((error: unknown) => {
        this.logger.debug(`Witness request not queued (the sweep will retry): ${String(error)}`);
      })
      .finally(() => {
        this.inFlight = false;
      });
  }
}
