import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import {
  CURSOR_KEYS,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
} from '../common/pagination/cursor';
import type { Page } from '../common/pagination/page.dto';
import type { DailyCountDto } from '../common/stats/daily-count.dto';
import { AuditOutboxStats } from './audit-outbox-stats';
import { CHAIN_EVENT_SELECT, EVENT_ROW_SELECT } from './event-row';
import type { ChainEvent } from './chain/chain-walker';
import type { AuditEventDto } from './dto/audit-event.dto';
import type { AuditEventFiltersDto } from './dto/audit-filters.dto';
import type { AuditStatsDto } from './dto/audit-stats.dto';

/** Days in `AuditStatsDto.eventsPerDay`, today (UTC) included. */
export const AUDIT_STATS_DAYS = 30;

export type AuditEventFilters = Pick<
  AuditEventFiltersDto,
  'actorId' | 'action' | 'targetType' | 'targetId' | 'from' | 'to' | 'outcome'
>;

/** Copies only the filter fields (the DTO may carry limit, cursor, format). */
export function filtersOf(query: AuditEventFilters): AuditEventFilters {
  const { actorId, action, targetType, targetId, from, to, outcome } = query;
  return { actorId, action, targetType, targetId, from, to, outcome };
}

/** SQL conditions and parameters for the filters; `$1…$n` numbered from `firstParam`. */
export function whereOf(
  filters: AuditEventFilters,
  firstParam = 1,
): { conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${firstParam + params.length - 1}`));
  };
  if (filters.actorId !== undefined) add((p) => `actor_id = ${p}`, filters.actorId);
  if (filters.action !== undefined) {
    // `action` has collation "C", so the prefix LIKE is an index range scan.
    add((p) => `action LIKE ${p}`, `${filters.action.replace(/[\\%_]/g, '\\$&')}%`);
  }
  if (filters.targetType !== undefined) add((p) => `target_type = ${p}`, filters.targetType);
  if (filters.targetId !== undefined) add((p) => `target_id = ${p}`, filters.targetId);
  if (filters.from !== undefined) add((p) => `occurred_at >= ${p}`, new Date(filters.from));
  if (filters.to !== undefined) add((p) => `occurred_at < ${p}`, new Date(filters.to));
  if (filters.outcome !== undefined) add((p) => `outcome = ${p}`, filters.outcome);
  return { conditions, params };
}

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
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** A cursor over matching events in seq order on a dedicated connection. */
export interface EventStream {
  rows: Readable;
  /** Returns the connection to the pool (destroying it if the stream failed). */
  release(error?: Error): void;
}

/** Reads the sealed log: keyset-paginated pages and constant-memory streams. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: AuditOutboxStats,
  ) {}

  /**
   * Dashboard figures in one statement of index lookups plus one index range scan (the last
   * 30 days on `audit_events_occurred_at_idx`); never a scan of the whole log. seq is gap-free
   * and retention only removes a prefix, so the number of events held is last − first + 1.
   */
  async stats(): Promise<AuditStatsDto> {
    const [[row], outbox] = await Promise.all([
      this.dataSource.query<
        Array<{
          events_per_day: DailyCountDto[];
          first_seq: string | null;
          last_seq: string | null;
          checkpoint_seq: string | null;
          checkpoint_created_at: Date | null;
        }>
      >(
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
        [AUDIT_STATS_DAYS],
      ),
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

  /** Newest first. A page costs the same however deep it is (keyset on seq). */
  async list(
    query: AuditEventFilters & { limit?: number; cursor?: string },
  ): Promise<Page<AuditEventDto>> {
    const filters = filtersOf(query);
    const limit = query.limit ?? 50;
    const fingerprint = queryFingerprint({ ...filters, sort: 'seq:desc' });
    const { conditions, params } = whereOf(filters);
    if (query.cursor !== undefined) {
      const [seq] = decodeCursor(query.cursor, fingerprint, [CURSOR_KEYS.bigint]);
      params.push(seq);
      conditions.push(`seq < $${params.length}::bigint`);
    }
    params.push(limit + 1);
    const rows: ChainEvent[] = await this.dataSource.query(
      `SELECT ${CHAIN_EVENT_SELECT} FROM audit_events
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(toAuditEventDto);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor(fingerprint, [last.seq]) : null;
    return { items, nextCursor };
  }

  /**
   * Streams every match in seq order (as `EVENT_ROW_SELECT` array rows) through a server-side
   * cursor, so memory stays flat and a slow reader slows the query instead of buffering rows.
   */
  async stream(filters: AuditEventFilters, range: { toSeq?: string } = {}): Promise<EventStream> {
    const { conditions, params } = whereOf(filtersOf(filters));
    if (range.toSeq !== undefined) {
      params.push(range.toSeq);
      conditions.push(`seq <= $${params.length}::bigint`);
    }
    return openEventRowStream(this.dataSource, conditions, params);
  }
}

/** A pg-query-stream cursor over `EVENT_ROW_SELECT` rows, on a connection of its own. */
export async function openEventRowStream(
  dataSource: DataSource,
  conditions: string[],
  params: unknown[],
): Promise<EventStream> {
  const driver = dataSource.driver as PostgresDriver;
  const [client, releaseClient] = (await driver.obtainMasterConnection()) as [
    PoolClient,
    (error?: Error | boolean) => void,
  ];
  const rows = client.query(
    new QueryStream(
      `SELECT ${EVENT_ROW_SELECT} FROM audit_events
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY audit_events.seq`,
      params,
      // Text in, text out: no per-row date or JSON parsing in node-pg.
      {
        batchSize: 2000,
        // Room for a fetch to run while the consumer works through the previous batch.
        highWaterMark: 6000,
        rowMode: 'array',
        types: { getTypeParser: () => (value: string) => value },
      },
    ),
  );
  let released = false;
  return {
    rows,
    release: (error?: Error) => {
      if (released) return;
      released = true;
      // A connection whose cursor was cut off mid-way is not safe to reuse.
      releaseClient(error ?? (rows.readableEnded ? undefined : true));
    },
  };
}
