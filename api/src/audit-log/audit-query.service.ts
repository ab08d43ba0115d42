import { Injectable } from '@nestjs/common';
import {
  CURSOR_KEYS,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
} from '../common/pagination/cursor';
import type { Page } from '../common/pagination/page.dto';
import { AuditEventFilters, filtersOf } from './audit-event-filters';
import { AuditEventsRepository, type ExportRange } from './audit-events.repository';
import { AuditOutboxStats } from './audit-outbox-stats';
import type { ChainEvent } from './chain/chain-walker';
import type { AuditEventDto } from './dto/audit-event.dto';
import { AUDIT_EVENTS_PAGE, type AuditExportFormat } from './dto/audit-filters.dto';
import type { AuditStatsDto } from './dto/audit-stats.dto';
import type { ExportStream } from './export-stream';

/** Days in `AuditStatsDto.eventsPerDay`, today (UTC) included. */
export const AUDIT_STATS_DAYS = 30;

export function toAuditEventDto(row: ChainEvent): AuditEventDto {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: typeof row.occurredAt === 'string' ? row.occurredAt : row.occurredAt.toISOString(),
    actor: {
      type: row.actorType as AuditEventDto['actor']['type'],
      id: row.actorId,
      display: row.actorDisplay,
    },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    changes: row.changes,
    outcome: row.outcome as AuditEventDto['outcome'],
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    traceId: row.traceId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** Reads the sealed log: keyset-paginated pages, dashboard figures and constant-memory streams. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly events: AuditEventsRepository,
    private readonly outbox: AuditOutboxStats,
  ) {}

  /**
   * Dashboard figures, without scanning the whole log. seq is gap-free and retention only
   * removes a prefix, so the number of events held is last − first + 1.
   */
  async stats(readerId: string | null): Promise<AuditStatsDto> {
    const [row, outbox] = await Promise.all([
      this.events.stats(readerId, AUDIT_STATS_DAYS),
      this.outbox.read(),
    ]);
    const first = row.first_seq === null ? null : BigInt(row.first_seq);
    const last = row.last_seq === null ? null : BigInt(row.last_seq);
    const checkpoint = row.checkpoint_seq === null ? 0n : BigInt(row.checkpoint_seq);
    const head = last !== null && last > checkpoint ? last : checkpoint;
    return {
      eventsPerDay: row.events_per_day,
      totalEvents: first !== null && last !== null ? Number(last - first + 1n) : 0,
      headSeq: head.toString(),
      lastCheckpoint:
        row.checkpoint_seq !== null && row.checkpoint_created_at !== null
          ? { seq: row.checkpoint_seq, createdAt: row.checkpoint_created_at.toISOString() }
          : null,
      pendingOutbox: outbox.backlog,
    };
  }

  /**
   * Newest first. A page costs the same however deep it is (keyset on seq). Reads run where
   * `readerId`'s reads go (a read replica when one can serve them).
   */
  async list(
    readerId: string | null,
    query: AuditEventFilters & { limit?: number; cursor?: string },
  ): Promise<Page<AuditEventDto>> {
    const filters = filtersOf(query);
    const limit = query.limit ?? AUDIT_EVENTS_PAGE.defaultLimit;
    const fingerprint = queryFingerprint({ ...filters, sort: 'seq:desc' });
    const beforeSeq =
      query.cursor === undefined
        ? undefined
        : decodeCursor(query.cursor, fingerprint, [CURSOR_KEYS.bigint])[0];
    const rows = await this.events.page(readerId, filters, { beforeSeq, take: limit + 1 });
    const items = rows.slice(0, limit).map(toAuditEventDto);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor(fingerprint, [last.seq]) : null;
    return { items, nextCursor };
  }

  /**
   * Every match in seq order as the bytes of an export file, rendered by Postgres and
   * streamed with backpressure (memory stays flat whatever the size), on a connection where
   * `readerId`'s reads go. A `background` export (a job, not a download in progress) first
   * fixes the head it stops at (and the number of matches up to it) on that same connection,
   * and may wait a little for a replica that has the requester's writes.
   */
  async exportStream(
    readerId: string | null,
    format: AuditExportFormat,
    filters: AuditEventFilters,
    options: { background?: boolean; onProgress?: (rows: number) => void } = {},
  ): Promise<ExportStream & { range?: ExportRange }> {
    const background = options.background === true;
    const connection = await this.events.exportConnection(readerId, background);
    try {
      const matching = filtersOf(filters);
      const range = background ? await this.events.exportRange(connection, matching) : undefined;
      const stream = this.events.exportStream(connection, format, matching, {
        // No event yet: seq <= 0 matches nothing.
        toSeq: range ? (range.head ?? '0') : undefined,
        onProgress: options.onProgress,
      });
      return { ...stream, range };
    } catch (error) {
      connection.release(error instanceof Error ? error : true);
      throw error;
    }
  }
}
