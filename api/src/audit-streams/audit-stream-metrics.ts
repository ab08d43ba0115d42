import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { AuditStreamsRepository } from './audit-streams.repository';

export type BatchOutcome = 'delivered' | 'failed';

/**
 * `/metrics` for streams, labelled by stream id: lag gauges read from Postgres at scrape time
 * (any role answers them alike), batch counts from the process that delivered them (workers).
 */
@Injectable()
export class AuditStreamMetrics implements OnModuleInit {
  private batches: Counter<'stream' | 'outcome'> | undefined;

  constructor(
    private readonly streams: AuditStreamsRepository,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) return;
    const registers = [this.metrics.registry];
    const health = () => this.streams.health();
    new Gauge({
      name: 'audit_stream_lag_events',
      help: 'Sealed audit events not yet delivered to the stream',
      labelNames: ['stream'] as const,
      registers,
      async collect() {
        this.reset();
        for (const row of await health()) this.set({ stream: row.stream.id }, row.lagEvents);
      },
    });
    new Gauge({
      name: 'audit_stream_lag_seconds',
      help: 'How long the oldest undelivered event of the stream has been sealed (0 when caught up)',
      labelNames: ['stream'] as const,
      registers,
      async collect() {
        this.reset();
        for (const row of await health()) this.set({ stream: row.stream.id }, row.lagSeconds);
      },
    });
    this.batches = new Counter({
      name: 'audit_stream_batches_total',
      help: 'Batches sent to audit streams by this process, by outcome (delivered, failed)',
      labelNames: ['stream', 'outcome'] as const,
      registers,
    });
  }

  countBatch(stream: string, outcome: BatchOutcome): void {
    this.batches?.inc({ stream, outcome });
  }
}
