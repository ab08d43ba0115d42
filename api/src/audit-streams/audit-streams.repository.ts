import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditStreamCursorEntity } from './entities/audit-stream-cursor.entity';
import { AuditStreamEntity } from './entities/audit-stream.entity';

/** A stream with where it stands against the sealed log's head. */
export interface StreamHealthRow {
  stream: AuditStreamEntity;
  cursor: AuditStreamCursorEntity;
  headSeq: string;
  lagEvents: number;
  lagSeconds: number;
}

interface HealthSqlRow {
  id: string;
  head_seq: string;
  lag_seconds: number | null;
}

/**
 * Lag is exact because seq is gap-free: events = head − cursor; seconds = how long the oldest
 * undelivered event has been sealed (0 when caught up).
 */
const HEALTH_SQL = `
  SELECT s.id, h.head::text AS head_seq,
         (SELECT GREATEST(0, EXTRACT(EPOCH FROM now() - e.sealed_at))::float8
            FROM audit_events e WHERE e.seq > c.last_seq ORDER BY e.seq LIMIT 1) AS lag_seconds
    FROM audit_streams s
    JOIN audit_stream_cursors c ON c.stream_id = s.id
   CROSS JOIN (SELECT coalesce(max(seq), 0) AS head FROM audit_events) h`;

@Injectable()
export class AuditStreamsRepository {
  constructor(private readonly dataSource: DataSource) {}

  count(manager: EntityManager): Promise<number> {
    return manager.count(AuditStreamEntity);
  }

  /** The chain head (seq and hash), where a stream that starts "now" begins. */
  async head(manager: EntityManager): Promise<{ seq: string; hash: string | null }> {
    const [row]: { seq: string; hash: string }[] = await manager.query(
      'SELECT seq::text AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    return row ?? { seq: '0', hash: null };
  }

  async insert(
    manager: EntityManager,
    stream: Partial<AuditStreamEntity>,
    start: { seq: string; hash: string | null },
  ): Promise<AuditStreamEntity> {
    const saved = await manager.save(manager.create(AuditStreamEntity, stream));
    await manager.insert(AuditStreamCursorEntity, {
      streamId: saved.id,
      lastSeq: start.seq,
      lastHash: start.hash,
    });
    return saved;
  }

  /** Sets `paused`; false when the stream does not exist. Never waits on a batch in flight. */
  async setPaused(manager: EntityManager, id: string, paused: boolean): Promise<boolean> {
    const result = await manager.update(AuditStreamEntity, { id }, { paused });
    return (result.affected ?? 0) > 0;
  }

  async health(id?: string): Promise<StreamHealthRow[]> {
    const rows: HealthSqlRow[] = await this.dataSource.query(
      id === undefined ? HEALTH_SQL : `${HEALTH_SQL} WHERE s.id = $1`,
      id === undefined ? [] : [id],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [streams, cursors] = await Promise.all([
      this.dataSource.manager.find(AuditStreamEntity, {
        where: ids.map((streamId) => ({ id: streamId })),
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      this.dataSource.manager.find(AuditStreamCursorEntity, {
        where: ids.map((streamId) => ({ streamId })),
      }),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const cursorOf = new Map(cursors.map((cursor) => [cursor.streamId, cursor]));
    return streams.flatMap((stream) => {
      const row = byId.get(stream.id);
      const cursor = cursorOf.get(stream.id);
      if (!row || !cursor) return [];
      return [
        {
          stream,
          cursor,
          headSeq: row.head_seq,
          lagEvents: Math.max(0, Number(BigInt(row.head_seq) - BigInt(cursor.lastSeq))),
          lagSeconds: row.lag_seconds ?? 0,
        },
      ];
    });
  }

  /** Streams a worker should look at now: not paused, not backing off. */
  async dueStreamIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM audit_streams s JOIN audit_stream_cursors c ON c.stream_id = s.id
        WHERE NOT s.paused AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= now())
        ORDER BY s.created_at, s.id`,
    );
    return rows.map((row) => row.id);
  }
}
