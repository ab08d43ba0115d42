import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

/** The process's Prometheus registry, for every module; `/metrics` itself is served by health/. */
@Global()
@Module({
  providers: [MetricsRegistry],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
