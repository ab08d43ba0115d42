import { Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { ReadinessService } from './readiness.service';

/**
 * `app_ready`: 1 when this process would answer its readiness probe with 200, else 0 (a
 * dependency is down, a migration is pending, or it is draining). Computed at scrape time by
 * the same checks as the probe, so it is current whether or not a kubelet probes the process,
 * and an alert can say which pods are out of rotation and for how long.
 */
@Injectable()
export class ReadinessMetrics implements OnModuleInit {
  private readonly logger = new Logger(ReadinessMetrics.name);

  constructor(
    private readonly readiness: ReadinessService,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) return;
    const readiness = this.readiness;
    const logger = this.logger;
    new Gauge({
      name: 'app_ready',
      help: '1 when this process passes its readiness checks (Postgres, Redis, migrations, audit outbox; not draining), else 0',
      registers: [this.metrics.registry],
      async collect() {
        try {
          this.set((await readiness.check()).ready ? 1 : 0);
        } catch (error) {
          // An unexpected failure of the checks themselves is "not ready", never a failed scrape.
          logger.warn(`Readiness check for app_ready failed: ${String(error)}`);
          this.set(0);
        }
      },
    });
  }
}
