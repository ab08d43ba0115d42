import { inject, Injectable, signal } from '@angular/core';
import { type Problem, toProblem } from '../../core/errors/problem';
import { AuditChainApi, type AuditVerifyResult } from './audit-chain-api';

export interface VerificationOutcome {
  result: AuditVerifyResult;
  /** Seq of the chain head right after the walk (from the audit stats). */
  headSeq: string | null;
  checkedAt: Date;
}

/**
 * The latest walk of the audit hash chain, shared by the dashboard and the audit log page so a
 * result from one shows on the other. Each walk is itself recorded in the audit log.
 */
@Injectable({ providedIn: 'root' })
export class ChainVerification {
  private readonly api = inject(AuditChainApi);
  private readonly latest = signal<VerificationOutcome | null>(null);
  private readonly busy = signal(false);
  private readonly failure = signal<Problem | null>(null);
  private inFlight: Promise<void> | null = null;

  readonly outcome = this.latest.asReadonly();
  readonly running = this.busy.asReadonly();
  readonly problem = this.failure.asReadonly();

  /** Walks the chain now (joining a walk already under way). */
  verify(): Promise<void> {
    this.inFlight ??= this.walk().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Walks the chain unless a result younger than `maxAgeMs` is at hand. */
  async ensureFresh(maxAgeMs = 5 * 60_000): Promise<void> {
    const last = this.latest();
    if (last && Date.now() - last.checkedAt.getTime() < maxAgeMs) return;
    await this.verify();
  }

  private async walk(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      const result = await this.api.verifyChain();
      const headSeq = await this.api.stats().then(
        (stats) => stats.headSeq,
        () => null,
      );
      this.latest.set({ result, headSeq, checkedAt: new Date() });
    } catch (error) {
      this.failure.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
