import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { unwrap } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';

export type AuditEvent = Schema<'AuditEvent'>;
export type AuditEventPage = Schema<'AuditEventPage'>;
export type AuditEventFilters = Schema<'AuditEventFilters'>;
export type AuditExport = Schema<'AuditExport'>;
export type AuditExportFormat = Schema<'AuditExportFormat'>;
export type AuditExportManifest = Schema<'AuditExportManifest'>;

/** The audit log's part of the SDK: events and background exports. */
@Injectable({ providedIn: 'root' })
export class AuditLogApi {
  private readonly client = inject(Api).client;
  private readonly network = inject(NetworkStatus);

  /** One page of sealed events, newest first; pass the previous page's `nextCursor`. */
  async listEvents(
    filters: AuditEventFilters,
    cursor?: string,
    limit = 50,
  ): Promise<AuditEventPage> {
    const result = await this.client.GET('/api/v1/audit/events', {
      params: { query: { ...filters, cursor, limit } },
    });
    this.network.noteResponse(result.response);
    return unwrap(result);
  }

  /** Starts a background export of the events matching `filters`; returns its id. */
  async startExport(format: AuditExportFormat, filters: AuditEventFilters): Promise<string> {
    const result = await this.client.POST('/api/v1/audit/exports', {
      body: { format, filters },
    });
    return unwrap(result).id;
  }

  async getExport(id: string): Promise<AuditExport> {
    return unwrap(
      await this.client.GET('/api/v1/audit/exports/{id}', { params: { path: { id } } }),
    );
  }

  /** The finished export file, fetched with the bearer token (a plain link could not send it). */
  async downloadExport(id: string): Promise<Blob> {
    const result = await this.client.GET('/api/v1/audit/exports/{id}/download', {
      params: { path: { id } },
      parseAs: 'blob',
    });
    return unwrap(result);
  }
}
