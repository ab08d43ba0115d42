import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from '../../metrics/metrics.registry';
import { isDatabaseUnavailable } from '../problem/database-unavailable';
import { parseLsn } from './lsn';
import { isPgError } from './pg-errors';
import { poolOf, queryRowsOn } from './query-rows';
import { connectionOn, PRIMARY_TARGET, type ReadConnection } from './read-connection';
import { anyReplicaUp, pickReplica } from './read-routing';
import { ReplicaMonitor } from './replica-monitor';
import { WriterPositions } from './writer-positions';

/**
 * SQLSTATEs of a standby cancelling a query in the way of its replay (a recovery conflict:
 * rows being removed, or a buffer-pin deadlock). The primary has no such conflict.
 */
const RECOVERY_CONFLICTS = ['40001', '40P01'];

/**
 * Where read-only queries run: "a read connection for this reader". With no replica configured
 * (`DATABASE_REPLICA_URLS` empty) that is always the primary. Otherwise a replica that is up
 * and, if the reader wrote recently, has replayed their write; else the primary. A replica
 * that fails the read for want of a connection is skipped from then on (until the next poll
 * finds it) and the read runs on the primary: a replica outage never answers a 5xx.
 *
 * `readerId` is the user whose writes the read must see; null for reads that follow no one
 * (background jobs).
 */
@Injectable()
export class ReadRouter implements OnModuleInit {
  private readonly logger = new Logger(ReadRouter.name);
  private turn = 0;
  private reads?: Counter<'target'>;
  private failovers?: Counter<'replica'>;

  constructor(
    private readonly monitor: ReplicaMonitor,
    private readonly writers: WriterPositions,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    if (!this.monitor.enabled) return;
    const registers = [this.metrics.registry];
    this.reads = new Counter({
      name: 'db_reads_total',
      help: 'Read-only queries routed by the read router, by where they ran (primary or a replica)',
      labelNames: ['target'] as const,
      registers,
    });
    this.failovers = new Counter({
      name: 'db_read_failovers_total',
      help: 'Reads a replica could not serve (unreachable, or a recovery conflict) that the primary served instead',
      labelNames: ['replica'] as const,
      registers,
    });
  }

  /** The rows of one read-only statement, run where `readerId`'s reads go. */
  async rows<Row>(
    readerId: string | null,
    text: string,
    values: readonly unknown[] = [],
  ): Promise<Row[]> {
    const index = await this.choose(readerId);
    if (index !== undefined) {
      try {
        const rows = await queryRowsOn<Row>(this.monitor.readPool(index), text, values);
        this.reads?.inc({ target: this.monitor.label(index) });
        return rows;
      } catch (error) {
        if (!isDatabaseUnavailable(error) && !isRecoveryConflict(error)) throw error;
        this.failedOver(index, error);
      }
    }
    const rows = await queryRowsOn<Row>(poolOf(this.dataSource), text, values);
    this.reads?.inc({ target: PRIMARY_TARGET });
    return rows;
  }

  /**
   * A connection held for a long read (an export's COPY), where `readerId`'s reads go. Only
   * getting the connection fails over: a replica lost mid-stream fails that stream.
   *
   * `waitForReplica` (background work, where a second does not matter): when replicas are up
   * but none has replayed the reader's last write yet, wait for one to (at most
   * REPLICA_MAX_LAG_MS) rather than put the whole read on the primary.
   */
  async connection(
    readerId: string | null,
    options: { waitForReplica?: boolean } = {},
  ): Promise<ReadConnection> {
    const index = await this.choose(readerId, options.waitForReplica ? this.monitor.maxLagMs : 0);
    if (index !== undefined) {
      try {
        const connection = await connectionOn(
          this.monitor.readPool(index),
          this.monitor.label(index),
        );
        this.reads?.inc({ target: connection.target });
        return connection;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.failedOver(index, error);
      }
    }
    const connection = await connectionOn(poolOf(this.dataSource), PRIMARY_TARGET);
    this.reads?.inc({ target: PRIMARY_TARGET });
    return connection;
  }

  /**
   * After `userId`'s write committed: remembers the primary's position, so their reads (on any
   * API replica) go where that write is visible. Best effort: the write stands either way.
   */
  async noteWrite(userId: string): Promise<void> {
    if (!this.monitor.enabled) return;
    try {
      const [row] = await queryRowsOn<{ lsn: string }>(
        poolOf(this.dataSource),
        'SELECT pg_current_wal_lsn()::text AS lsn',
      );
      const lsn = parseLsn(row?.lsn);
      if (lsn !== null) await this.writers.remember(userId, lsn);
    } catch (error) {
      this.logger.warn(`Could not record a writer's position: ${String(error)}`);
    }
  }

  /**
   * The replica for this read, or undefined for the primary. With `waitMs`, a reader whose
   * write no replica has replayed yet waits for the polls to see one that has.
   */
  private async choose(readerId: string | null, waitMs = 0): Promise<number | undefined> {
    if (!this.monitor.enabled) return undefined;
    const views = () => this.monitor.views().map(({ view }) => view);
    // Nothing to choose from: skip the writer lookup.
    if (!anyReplicaUp(views())) return undefined;
    let writerLsn = null;
    if (readerId !== null) {
      try {
        writerLsn = await this.writers.positionOf(readerId);
      } catch {
        // Whether they wrote is unknown (Redis down): only the primary surely has it.
        return undefined;
      }
    }
    this.turn = (this.turn + 1) % Number.MAX_SAFE_INTEGER;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const index = pickReplica(views(), writerLsn, this.turn);
      if (index !== undefined || Date.now() >= deadline || !anyReplicaUp(views())) return index;
      await new Promise((resolve) => setTimeout(resolve, this.monitor.intervalMs));
    }
  }

  private failedOver(index: number, error: unknown): void {
    this.failovers?.inc({ replica: this.monitor.label(index) });
    if (isDatabaseUnavailable(error)) this.monitor.markDown(index, error);
  }
}

function isRecoveryConflict(error: unknown): boolean {
  return RECOVERY_CONFLICTS.some((code) => isPgError(error, code));
}
