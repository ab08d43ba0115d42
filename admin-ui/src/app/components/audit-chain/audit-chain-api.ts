import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';

export type AuditVerifyResult = Schema<'AuditVerifyResult'>;
export type AuditStats = Schema<'AuditStats'>;

/**
 * The audit log's summary as the dashboard and the audit log page both show it: the chain's
 * verification and the aggregate stats.
 */
@Injectable({ providedIn: 'root' })
export class AuditChainApi {
  private readonly client = inject(Api).client;
  private readonly network = inject(NetworkStatus);

  /** Walks the whole hash chain and the signed checkpoints (itself an audited read). */
  async verifyChain(): Promise<AuditVerifyResult> {
    return unwrap(await this.client.GET('/api/v1/audit/verify'));
  }

  /** Aggregates for the dashboard (events per day, head, backlog); not audited. */
  async stats(): Promise<AuditStats> {
    const result = await this.client.GET('/api/v1/audit/stats');
    this.network.noteResponse(result.response);
    return unwrap(result);
  }
}
