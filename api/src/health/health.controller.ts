import { SkipThrottle } from '@nestjs/throttler';
import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AuditOutboxStats } from '../audit-log';
import { Public } from '../common/access/public.decorator';
import { ReplicaMonitor } from '../common/database/replica-monitor';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { ProblemException } from '../common/problem/problem.exception';
import { Env } from '../config/env.schema';
import {
  DependencyStatusDto,
  HealthReportDto,
  LivenessDto,
  NotReadyProblemSchema,
  ReplicaStatusDto,
} from './dto/health-report.dto';
import { DrainState } from './drain-state';
import { MigrationsHealthIndicator } from './migrations.health';
import { RedisHealthIndicator } from './redis.health';

// Probes and scrapes must never be rate limited.
@SkipThrottle()
@ApiTags('health')
@ApiExtraModels(DependencyStatusDto, ReplicaStatusDto)
@Controller({ path: 'health', version: '1' })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
    private readonly config: ConfigService<Env, true>,
    private readonly auditOutbox: AuditOutboxStats,
    private readonly drain: DrainState,
    private readonly replicas: ReplicaMonitor,
  ) {}

  @Get('live')
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'The process is up (no dependency checks)',
  })
  @Public()
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Ready to serve: Postgres and Redis answer and no migration is pending',
    description:
      'Every check is bounded by HEALTH_CHECK_TIMEOUT_MS, so a missing dependency gives a quick 503 problem naming it (with per-dependency `checks`) rather than a hang.',
  })
  @Public()
  @ApiOkResponse({ type: HealthReportDto })
  @ApiProblemResponses({
    status: HttpStatus.SERVICE_UNAVAILABLE,
    type: NotReadyProblemSchema,
    description: 'Not ready (`not-ready`): `checks` gives the state of each dependency.',
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before probing again.',
        schema: { type: 'integer', minimum: 1 },
      },
    },
  })
  async ready(): Promise<HealthReportDto> {
    if (this.drain.draining) throw shuttingDown();
    const timeout = this.config.get('HEALTH_CHECK_TIMEOUT_MS', { infer: true });
    try {
      const result = await this.health.check([
        () => this.postgres.pingCheck('postgres', { timeout }),
        () => this.redis.ping('redis', timeout),
        () => this.migrations.check('migrations', timeout),
        () => this.auditOutbox.check('auditOutbox', timeout),
      ]);
      const details = result.details as Record<string, DependencyStatusDto>;
      return this.replicas.enabled
        ? { status: 'ok', details, replicas: this.replicaStatuses() }
        : { status: 'ok', details };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const failing = Object.keys(result.error ?? {});
      throw new ProblemException({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        slug: 'not-ready',
        title: 'Service not ready',
        detail: `Unavailable: ${failing.join(', ')}`,
        extensions: { checks: result.details },
        headers: { 'Retry-After': '5' },
      });
    }
  }

  /** The last poll's view of each replica: reported, never a reason to fail readiness. */
  private replicaStatuses(): Record<string, ReplicaStatusDto> {
    return Object.fromEntries(
      this.replicas.views().map(({ label, view }) => [
        label,
        {
          state: view.state,
          lagSeconds: view.lagMs === null ? null : view.lagMs / 1000,
          ...(view.message ? { message: view.message } : {}),
        },
      ]),
    );
  }
}

/** Readiness while draining: out of rotation before the listener closes. */
function shuttingDown(): ProblemException {
  return new ProblemException({
    status: HttpStatus.SERVICE_UNAVAILABLE,
    slug: 'not-ready',
    title: 'Service not ready',
    detail: 'Unavailable: shutting down',
    extensions: { checks: { shutdown: { status: 'down', message: 'draining after SIGTERM' } } },
    headers: { 'Retry-After': '5' },
  });
}
