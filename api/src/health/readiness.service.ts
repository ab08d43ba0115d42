import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AuditOutboxStats } from '../audit-log';
import { Env } from '../config/env.schema';
import type { DependencyStatusDto } from './dto/health-report.dto';
import { DrainState } from './drain-state';
import { MigrationsHealthIndicator } from './migrations.health';
import { RedisHealthIndicator } from './redis.health';

export type Readiness =
  | { ready: true; details: Record<string, DependencyStatusDto> }
  | { ready: false; draining: true }
  | { ready: false; draining: false; failing: string[]; details: HealthCheckResult['details'] };

/**
 * The readiness checks, in one place for the probe (`GET /api/v1/health/ready`) and the
 * `app_ready` gauge: Postgres, Redis, migrations and the audit outbox, each bounded by
 * HEALTH_CHECK_TIMEOUT_MS; a draining process is never ready.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
    private readonly config: ConfigService<Env, true>,
    private readonly auditOutbox: AuditOutboxStats,
    private readonly drain: DrainState,
  ) {}

  async check(): Promise<Readiness> {
    if (this.drain.draining) return { ready: false, draining: true };
    const timeout = this.config.get('HEALTH_CHECK_TIMEOUT_MS', { infer: true });
    try {
      const result = await this.health.check([
        () => this.postgres.pingCheck('postgres', { timeout }),
        () => this.redis.ping('redis', timeout),
        () => this.migrations.check('migrations', timeout),
        () => this.auditOutbox.check('auditOutbox', timeout),
      ]);
      return { ready: true, details: result.details as Record<string, DependencyStatusDto> };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      return {
        ready: false,
        draining: false,
        failing: Object.keys(result.error ?? {}),
        details: result.details,
      };
    }
  }
}
