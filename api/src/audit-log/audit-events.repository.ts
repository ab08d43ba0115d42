import { Injectable } from '@nestjs/common';
import type { ReadConnection } from '../common/database/read-connection';
import { ReadRouter } from '../common/database/read-router';
import type { DailyCountDto } from '../common/stats/daily-count.dto';
import { AuditEventFilters, whereOf } from './audit-event-filters';
import type { ChainEvent } from './chain/chain-walker';
import { CHAIN_EVENT_SELECT } from './event-row';
import type { AuditExportFormat } from './dto/audit-filters.dto';
import { ExportStream, openExportStream } from './export-stream';

/** The dashboard's figures as Postgres answers them (bigints as text). */
export interface AuditStatsRow {
  events_per_day: DailyCountDto[];
  first_seq: string | null;
  last_seq: string | null;
  checkpoint_seq: string | null;
  checkpoint_created_at: Date | null;
}

/** What an export fixed before streaming: the head it stops at and how many events match. */
export interface ExportRange {
  head: string | null;
  total: number;
}

/**
 * Reads of the sealed log (`audit_events`, `audit_checkpoints`); it is never written here.
 * They run where the reader's reads go (`ReadRouter`: a read replica when one can serve them).
 */
@Injectable()
export class AuditEventsRepository {
  constructor(private readonly reads: ReadRouter) {}

  /** Matching events newest first, below `beforeSeq` when given (keyset on seq). */
  page(
    readerId: string | null,
    filters: AuditEventFilters,
    page: { beforeSeq?: string; take: number },
  ): Promise<ChainEvent[]> {
    const { conditions, params } = whereOf(filters);
    if (page.beforeSeq !== undefined) {
      params.push(page.beforeSeq);
      conditions.push(`seq < $${params.length}::bigint`);
    }
    params.push(page.take);
    return this.reads.rows<ChainEvent>(
      readerId,
      `SELECT ${CHAIN_EVENT_SELECT} FROM audit_events
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * One statement of index lookups plus one index range scan (the last `days` days on
   * `audit_events_occurred_at_idx`); never a scan of the whole log. Days are UTC, today included.
   */
  async stats(readerId: string | null, days: number): Promise<AuditStatsRow> {
    const [row] = await this.reads.rows<AuditStatsRow>(
      readerId,
      `WITH today AS (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AS day),
            per_day AS (
              SELECT date_trunc('day', e.occurred_at AT TIME ZONE 'UTC') AS day, count(*)::int AS count
                FROM audit_events e, today
               WHERE e.occurred_at >= (today.day - make_interval(days => $1::int - 1)) AT TIME ZONE 'UTC'
               GROUP BY 1)
       SELECT (SELECT json_agg(json_build_object('date', to_char(d.day, 'YYYY-MM-DD'),
                                                 'count', COALESCE(p.count, 0)) ORDER BY d.day)
                 FROM today
                CROSS JOIN LATERAL generate_series(today.day - make_interval(days => $1::int - 1),
                                                   today.day, interval '1 day') AS d(day)
                 LEFT JOIN per_day p ON p.day = d.day) AS events_per_day,
              (SELECT seq FROM audit_events ORDER BY seq LIMIT 1)::text AS first_seq,
              (SELECT seq FROM audit_events ORDER BY seq DESC LIMIT 1)::text AS last_seq,
              c.seq::text AS checkpoint_seq,
              c.created_at AS checkpoint_created_at
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT seq, created_at FROM audit_checkpoints
                             ORDER BY seq DESC LIMIT 1) AS c ON true`,
      [days],
    );
    return row;
  }

  /**
   * A connection for an export, where `readerId`'s reads go; a background export (`patient`)
   * waits a little for a replica to replay the requester's writes rather than load the primary.
   */
  exportConnection(readerId: string | null, patient: boolean): Promise<ReadConnection> {
    return this.reads.connection(readerId, { waitForReplica: patient });
  }

  /**
   * The current head and the number of matching events up to it, read on the export's own
   * connection: a replica's head is what that replica holds, so the file and its manifest
   * describe one snapshot wherever the export runs.
   */
  async exportRange(connection: ReadConnection, filters: AuditEventFilters): Promise<ExportRange> {
    const { conditions, params } = whereOf(filters);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const { rows } = await connection.client.query<ExportRange>(
      `SELECT (SELECT max(seq) FROM audit_events)::text AS head,
              (SELECT count(*) FROM audit_events ${where})::int AS total`,
      params,
    );
    return rows[0];
  }

  /** Every match in seq order as export file bytes on `connection`, up to `toSeq` (see `openExportStream`). */
  exportStream(
    connection: ReadConnection,
    format: AuditExportFormat,
    filters: AuditEventFilters,
    options: { toSeq?: string; onProgress?: (rows: number) => void } = {},
  ): ExportStream {
    const { conditions, params } = whereOf(filters);
    if (options.toSeq !== undefined) {
      params.push(options.toSeq);
      conditions.push(`seq <= $${params.length}::bigint`);
    }
    return openExportStream(connection, format, conditions, params, options.onProgress);
  }
}
