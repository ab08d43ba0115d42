import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Pool } from 'pg';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { Env } from '../../config/env.schema';
import { MetricsRegistry } from '../../metrics/metrics.registry';
import { parseLsn } from './lsn';
import { poolOf, queryRowsOn } from './query-rows';
import {
  addSample,
  pollIntervalMs,
  type ReplicaProbe,
  type ReplicaView,
  viewOf,
  type WalSample,
} from './read-routing';
import { type ReplicaEndpoint, replicaEndpoints } from './replica-endpoint';

/** How far back the primary's positions are kept: lags up to this are measured exactly. */
const SAMPLE_HISTORY_MS = 10 * 60_000;

interface Replica {
  endpoint: ReplicaEndpoint;
  /** Serves the reads. */
  reads: Pool;
  /** One connection for the polls, so a busy read pool never delays them. */
  probe: Pool;
  view: ReplicaView;
}

/**
 * Knows each read replica's state: polls the primary's WAL position and every replica's replay
 * position in the background (never on a request), turns them into views with the rules of
 * `read-routing.ts`, and publishes them as the `db_replica_*` gauges. Holds the replicas' pools.
 */
@Injectable()
export class ReplicaMonitor
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(ReplicaMonitor.name);
  private readonly replicas: Replica[];
  readonly maxLagMs: number;
  readonly intervalMs: number;
  private samples: WalSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    config: ConfigService<Env, true>,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsRegistry,
  ) {
    this.maxLagMs = config.get('REPLICA_MAX_LAG_MS', { infer: true });
    this.intervalMs = pollIntervalMs(this.maxLagMs);
    const role = config.get('APP_ROLE', { infer: true });
    const checkTimeoutMs = config.get('HEALTH_CHECK_TIMEOUT_MS', { infer: true });
    const pool = (url: string, applicationName: string, max: number, queryTimeoutMs: number) => {
      const created = new Pool({
        connectionString: url,
        application_name: applicationName,
        max,
        connectionTimeoutMillis: Math.min(
          config.get('DATABASE_CONNECT_TIMEOUT_MS', { infer: true }),
          queryTimeoutMs,
        ),
        query_timeout: queryTimeoutMs,
        idleTimeoutMillis: 30_000,
        // Idle replica connections never keep a finished process (a CLI) alive.
        allowExitOnIdle: true,
      });
      // An idle connection whose server went away errors on the pool: without a listener the
      // process would die. The poll reports the replica down; the pool reconnects later.
      created.on('error', () => undefined);
      return created;
    };
    this.replicas = replicaEndpoints(config.get('DATABASE_REPLICA_URLS', { infer: true })).map(
      (endpoint) => ({
        endpoint,
        reads: pool(
          endpoint.url,
          `tasktrackr-${role}-read`,
          config.get('DATABASE_POOL_SIZE', { infer: true }),
          config.get('DATABASE_QUERY_TIMEOUT_MS', { infer: true }),
        ),
        probe: pool(endpoint.url, `tasktrackr-${role}-probe`, 1, checkTimeoutMs),
        // Until the first poll answers, nothing is known: reads stay on the primary.
        view: { state: 'down', lagMs: null, replayLsn: null, message: 'not polled yet' },
      }),
    );
  }

  /** Whether any replica is configured. */
  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** Each replica's label and view as of the last poll, in configuration order. */
  views(): { label: string; view: ReplicaView }[] {
    return this.replicas.map(({ endpoint, view }) => ({ label: endpoint.label, view }));
  }

  readPool(index: number): Pool {
    return this.replicas[index].reads;
  }

  label(index: number): string {
    return this.replicas[index].endpoint.label;
  }

  /** A read on this replica just failed for want of a connection: skip it until a poll finds it again. */
  markDown(index: number, error: unknown): void {
    const replica = this.replicas[index];
    const message = error instanceof Error ? error.message : String(error);
    this.update(replica, { state: 'down', lagMs: null, replayLsn: null, message });
  }

  onModuleInit(): void {
    // Registered without replicas too (no series then): alert rules and dashboards select them.
    this.registerMetrics();
    if (!this.enabled) return;
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.replicas.flatMap(({ reads, probe }) => [reads.end(), probe.end()]),
    ).catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll().finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    // The poll must never keep a finished process alive.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    await this.samplePrimary();
    await Promise.all(this.replicas.map((replica) => this.probe(replica)));
  }

  /** The primary's position, taken with the time before asking (so it covers every earlier commit). */
  private async samplePrimary(): Promise<void> {
    const at = Date.now();
    try {
      const [row] = await queryRowsOn<{ lsn: string }>(
        poolOf(this.dataSource),
        'SELECT pg_current_wal_lsn()::text AS lsn',
      );
      const lsn = parseLsn(row?.lsn);
      if (lsn !== null) this.samples = addSample(this.samples, { at, lsn }, SAMPLE_HISTORY_MS);
    } catch (error) {
      // Without a new sample the lags only grow: replicas turn `lagging`, reads go to the
      // primary, which is what a primary outage leaves anyway.
      this.logger.debug(`Primary WAL position unavailable: ${String(error)}`);
    }
  }

  private async probe(replica: Replica): Promise<void> {
    let probe: ReplicaProbe | Error;
    try {
      const [row] = await queryRowsOn<{
        in_recovery: boolean;
        replay_lsn: string | null;
        reported_lag_ms: number | null;
      }>(
        replica.probe,
        `SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replay_lsn,
                (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS reported_lag_ms`,
      );
      probe = {
        probedAt: Date.now(),
        inRecovery: row.in_recovery,
        replayLsn: parseLsn(row.replay_lsn),
        reportedLagMs: row.reported_lag_ms,
      };
    } catch (error) {
      probe = error instanceof Error ? error : new Error(String(error));
    }
    this.update(replica, viewOf(probe, this.samples, this.maxLagMs));
  }

  private update(replica: Replica, view: ReplicaView): void {
    const before = replica.view;
    replica.view = view;
    if (before.state === view.state) return;
    const detail = view.message ? `: ${view.message}` : '';
    const line = `Read replica ${replica.endpoint.label} ${before.state} → ${view.state}${detail}`;
    if (view.state === 'up') this.logger.log(line);
    else this.logger.warn(line);
  }

  private registerMetrics(): void {
    const registers = [this.metrics.registry];
    const views = () => this.views();
    new Gauge({
      name: 'db_replica_lag_seconds',
      help: 'Seconds of primary writes a read replica has not replayed (NaN while it is unreachable)',
      labelNames: ['replica'] as const,
      registers,
      collect() {
        for (const { label, view } of views()) {
          this.set({ replica: label }, view.lagMs === null ? Number.NaN : view.lagMs / 1000);
        }
      },
    });
    new Gauge({
      name: 'db_replica_available',
      help: 'Whether a read replica serves reads (1: up; 0: down or lagging beyond REPLICA_MAX_LAG_MS)',
      labelNames: ['replica'] as const,
      registers,
      collect() {
        for (const { label, view } of views()) {
          this.set({ replica: label }, view.state === 'up' ? 1 : 0);
        }
      },
    });
  }
}
