import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DrainState } from './drain-state';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MigrationsHealthIndicator } from './migrations.health';
import { ReadinessMetrics } from './readiness-metrics';
import { ReadinessService } from './readiness.service';
import { RedisHealthIndicator } from './redis.health';

@Module({
  // Failures are answered as problems by the controller; Terminus need not log them again.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [
    RedisHealthIndicator,
    MigrationsHealthIndicator,
    DrainState,
    ReadinessService,
    ReadinessMetrics,
  ],
  // The shutdown handler and the HTTP layer flip and read it (graceful-shutdown.ts).
  exports: [DrainState],
})
export class HealthModule {}
