import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { decodeCursor, encodeCursor, queryFingerprint } from '../common/pagination/cursor';
import type { Page } from '../common/pagination/page.dto';
import { CHAIN_EVENT_SELECT, EVENT_ROW_SELECT } from './event-row';
import type { ChainEvent } from './chain/chain-walker';
import type { AuditEventDto } from './dto/audit-event.dto';
import type { AuditEventFiltersDto } from './dto/audit-filters.dto';

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
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. A page costs the same however deep it is (keyset on seq). */
  async list(
    query: AuditEventFilters & { limit?: number; cursor?: string },
  ): Promise<Page<AuditEventDto>> {
    const filters = filtersOf(query);
    const limit = query.limit ?? 50;
    const fingerprint = queryFingerprint({ ...filters, sort: 'seq:desc' });
    const { conditions, params } = whereOf(filters);
    if (query.cursor !== undefined) {
      const [seq] = decodeCursor(query.cursor, fingerprint, 1);
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
