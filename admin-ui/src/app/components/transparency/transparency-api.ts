import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { unwrap } from '../../core/errors/problem';

export type AuditCheckpoint = Schema<'AuditCheckpoint'>;
export type AuditCheckpointPage = Schema<'AuditCheckpointPage'>;
export type AuditInclusionProof = Schema<'AuditInclusionProof'>;
export type AuditConsistencyProof = Schema<'AuditConsistencyProof'>;

/**
 * The audit log's transparency routes: signed tree checkpoints and the proofs the browser
 * verifies itself (the server is never asked for a verdict).
 */
@Injectable({ providedIn: 'root' })
export class TransparencyApi {
  private readonly client = inject(Api).client;

  /** The newest signed checkpoint, or null before the first one (404). */
  async latestCheckpoint(): Promise<AuditCheckpoint | null> {
    const result = await this.client.GET('/api/v1/audit/checkpoints/latest');
    if (result.response.status === 404) return null;
    return unwrap(result);
  }

  /** One page of checkpoints, newest first. */
  async listCheckpoints(cursor?: string, limit = 20): Promise<AuditCheckpointPage> {
    return unwrap(
      await this.client.GET('/api/v1/audit/checkpoints', { params: { query: { cursor, limit } } }),
    );
  }

  async inclusionProof(eventId: string, treeSize: number): Promise<AuditInclusionProof> {
    return unwrap(
      await this.client.GET('/api/v1/audit/events/{id}/proof', {
        params: { path: { id: eventId }, query: { treeSize: String(treeSize) } },
      }),
    );
  }

  async consistencyProof(from: number, to: number): Promise<AuditConsistencyProof> {
    return unwrap(
      await this.client.GET('/api/v1/audit/consistency', {
        params: { query: { from: String(from), to: String(to) } },
      }),
    );
  }
}
