import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PoolClient } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { EVENT_ROW_SELECT, type EventRow, jsonLine } from '../audit-log';
import type { Env } from '../config/env.schema';
import { AUDIT_STREAM_ERROR_MAX } from './audit-stream.constants';
import { AuditStreamMetrics } from './audit-stream-metrics';
import { AuditStreamEntity } from './entities/audit-stream.entity';
import type { StreamedEvent } from './ocsf-mapping';
import { retryDelayMs } from './retry-backoff';
import { StreamSinks } from './sinks/stream-sinks';
import { buildBatch } from './stream-batch';

/** `full`: a whole batch went out, there may be more right away. */
export type DeliveryOutcome = 'full' | 'delivered' | 'failed' | 'idle' | 'skipped';

/**
 * Delivers a stream's next batch, once: lock the stream's cursor row (SKIP LOCKED: another
 * worker holding it means a batch is in flight there, so this one skips), read the events after
 * the cursor in seq order, send, and only after the receiver's 2xx / the fsync move the cursor,
 * in the same transaction. A crash before that commit leaves the cursor where it was: the batch
 * goes again (at-least-once, same range, same batch id), never a gap.
 */
@Injectable()
export class AuditStreamDelivery {
  private readonly logger = new Logger(AuditStreamDelivery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sinks: StreamSinks,
    private readonly metrics: AuditStreamMetrics,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async deliverNext(streamId: string): Promise<DeliveryOutcome> {
    const runner = this.dataSource.createQueryRunner();
    // The runner's own pg client: the events are read as text arrays, as the export reads them.
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      const outcome = await this.attempt(runner, client, streamId);
      await runner.commitTransaction();
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async attempt(
    runner: QueryRunner,
    client: PoolClient,
    streamId: string,
  ): Promise<DeliveryOutcome> {
    const [cursor] = (await runner.query(
      `SELECT c.last_seq::text AS last_seq, c.attempts
         FROM audit_stream_cursors c JOIN audit_streams s ON s.id = c.stream_id
        WHERE c.stream_id = $1 AND NOT s.paused
          AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= now())
          FOR UPDATE OF c SKIP LOCKED`,
      [streamId],
    )) as { last_seq: string; attempts: number }[];
    if (!cursor) return 'skipped';
    const stream = await runner.manager.findOneByOrFail(AuditStreamEntity, { id: streamId });
    // `e.seq`, not `seq`: the select list's `seq::text` is also named seq, and ORDER BY would
    // pick that one and sort as text (10 before 9).
    const { rows } = await client.query<EventRow>({
      text: `SELECT ${EVENT_ROW_SELECT} FROM audit_events e WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      values: [cursor.last_seq, stream.batchSize],
      rowMode: 'array',
    });
    if (rows.length === 0) return 'idle';
    const events = rows.map((row) => JSON.parse(jsonLine(row)) as StreamedEvent);
    const batch = buildBatch(stream.id, stream.format, events);
    const result = await this.sinks.forKind(stream.kind).send(stream, batch);
    this.metrics.countBatch(stream.id, result.ok ? 'delivered' : 'failed');
    if (result.ok) {
      await runner.query(
        `UPDATE audit_stream_cursors
            SET last_seq = $2, last_hash = $3, attempts = 0, next_attempt_at = NULL,
                last_delivered_at = now()
          WHERE stream_id = $1`,
        [stream.id, batch.lastSeq, batch.lastHash],
      );
      return rows.length === stream.batchSize ? 'full' : 'delivered';
    }
    const attempts = cursor.attempts + 1;
    const delay = retryDelayMs(
      attempts,
      this.config.get('AUDIT_STREAM_RETRY_BASE_MS', { infer: true }),
      this.config.get('AUDIT_STREAM_RETRY_MAX_MS', { infer: true }),
    );
    const message = (result.error ?? 'failed').slice(0, AUDIT_STREAM_ERROR_MAX);
    this.logger.warn(
      `Audit stream ${stream.id} batch ${batch.batchId} failed (attempt ${attempts}, retry in ${delay} ms): ${message}`,
    );
    await runner.query(
      `UPDATE audit_stream_cursors
          SET attempts = $2, next_attempt_at = now() + make_interval(secs => $3::float8 / 1000),
              last_error_at = now(), last_error = $4
        WHERE stream_id = $1`,
      [stream.id, attempts, delay, message],
    );
    return 'failed';
  }
}
