import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';

export type AuditStream = Schema<'AuditStream'>;
export type AuditStreamKind = Schema<'AuditStreamKind'>;
export type AuditStreamFormat = Schema<'AuditStreamFormat'>;
export type AuditStreamStart = Schema<'AuditStreamStart'>;
export type NewAuditStream = Schema<'CreateAuditStream'>;

/** Audit streams to a SIEM or a file: configuration and health (auditors only). */
@Injectable({ providedIn: 'root' })
export class AuditStreamsApi {
  private readonly client = inject(Api).client;
  private readonly network = inject(NetworkStatus);

  /** Every stream with its health, oldest first (the server's order, so rows never jump). */
  async list(): Promise<AuditStream[]> {
    const result = await this.client.GET('/api/v1/audit/streams');
    this.network.noteResponse(result.response);
    return unwrap(result).items;
  }

  /** Creates a stream; the secret goes to the server once and never comes back. */
  async create(body: NewAuditStream): Promise<AuditStream> {
    return unwrap(await this.client.POST('/api/v1/audit/streams', { body }));
  }

  async pause(id: string): Promise<AuditStream> {
    return unwrap(
      await this.client.POST('/api/v1/audit/streams/{id}/pause', { params: { path: { id } } }),
    );
  }

  async resume(id: string): Promise<AuditStream> {
    return unwrap(
      await this.client.POST('/api/v1/audit/streams/{id}/resume', { params: { path: { id } } }),
    );
  }
}
