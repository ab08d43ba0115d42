import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

/** Reads of the sealed log (`audit_events`, `audit_checkpoints`); it is never written here. */
@Injectable()
export class AuditEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Matching events newest first, below `beforeSeq` when given (keyset on seq). */
  page(
    filters: AuditEventFilters,
    page: { beforeSeq?: string; take: number },
  ): Promise<ChainEvent[]> {
    const { conditions, params } = whereOf(filters);
    if (page.beforeSeq !== undefined) {
      params.push(page.beforeSeq);
      conditions.push(`seq < $${params.length}::bigint`);
    }
    params.push(page.take);
    return this.dataSource.query(
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
  async stats(days: number): Promise<AuditStatsRow> {
    const [row] = await this.dataSource.query<AuditStatsRow[]>(
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

  /** Every match in seq order as export file bytes, up to `toSeq` (see `openExportStream`). */
  exportStream(
    format: AuditExportFormat,
    filters: AuditEventFilters,
    options: { toSeq?: string; onProgress?: (rows: number) => void } = {},
  ): Promise<ExportStream> {
    const { conditions, params } = whereOf(filters);
    if (options.toSeq !== undefined) {
      params.push(options.toSeq);
      conditions.push(`seq <= $${params.length}::bigint`);
    }
    return openExportStream(this.dataSource, format, conditions, params, options.onProgress);
  }
}
