import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/with-timeout';
import { MetricsRegistry } from '../metrics/metrics.registry';

export interface OutboxStats {
  /** Captured events not sealed yet. */
  backlog: number;
  /** Age of the oldest unsealed event (0 when the outbox is empty). */
  oldestAgeSeconds: number;
}

/**
 * Outbox backlog and lag, for readiness details and Prometheus. A growing backlog means the
 * workers or Redis are down; writes keep succeeding meanwhile, so this reports rather than
 * failing readiness (taking the API out of rotation would not help the workers).
 */
@Injectable()
export class AuditOutboxStats implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) return;
    const registers = [this.metrics.registry];
    const read = () => this.read();
    new Gauge({
      name: 'audit_outbox_backlog',
      help: 'Audit events captured but not sealed yet',
      registers,
      async collect() {
        this.set((await read()).backlog);
      },
    });
    new Gauge({
      name: 'audit_outbox_oldest_age_seconds',
      help: 'Age of the oldest unsealed audit event (seconds; 0 when none)',
      registers,
      async collect() {
        this.set((await read()).oldestAgeSeconds);
      },
    });
  }

  async read(): Promise<OutboxStats> {
    // Oldest by id (the primary key), so this stays an index lookup however large it grows.
    const [row]: { backlog: number; age: number | null }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM audit_outbox)::int AS backlog,
              (SELECT EXTRACT(EPOCH FROM now() - created_at)::float8
                 FROM audit_outbox ORDER BY id LIMIT 1) AS age`,
    );
    return { backlog: row.backlog, oldestAgeSeconds: Math.max(0, row.age ?? 0) };
  }

  /** Terminus check `auditOutbox`: up with the figures; down only if they cannot be read. */
  async check(key: 'auditOutbox', timeoutMs: number) {
    const check = this.indicators.check(key);
    try {
      const stats = await withTimeout(this.read(), timeoutMs, 'Audit outbox');
      return check.up({ ...stats });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : 'unreadable' });
    }
  }
}
