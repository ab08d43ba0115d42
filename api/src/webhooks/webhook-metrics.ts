import { Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { DeliveriesRepository } from './deliveries.repository';

/** `webhook_deliveries_total{outcome}` and `webhook_backlog` on the app's registry. */
@Injectable()
export class WebhookMetrics implements OnModuleInit {
  private deliveries: Counter<'outcome'> | undefined;

  constructor(
    private readonly repository: DeliveriesRepository,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) return;
    const registers = [this.metrics.registry];
    this.deliveries = new Counter({
      name: 'webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (success, http-error, network-error, refused, exhausted)',
      labelNames: ['outcome'] as const,
      registers,
    });
    const backlog = () => this.repository.backlog();
    new Gauge({
      name: 'webhook_backlog',
      help: 'Webhook deliveries queued and not yet delivered or exhausted',
      registers,
      async collect() {
        this.set(await backlog());
      },
    });
  }

  count(outcome: string): void {
    this.deliveries?.inc({ outcome });
  }
}
