import { SkipThrottle } from '@nestjs/throttler';
import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access/public.decorator';
import { ReplicaMonitor } from '../common/database/replica-monitor';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { ProblemException } from '../common/problem/problem.exception';
import {
  DependencyStatusDto,
  HealthReportDto,
  LivenessDto,
  NotReadyProblemSchema,
  ReplicaStatusDto,
} from './dto/health-report.dto';
import { ReadinessService } from './readiness.service';

// Probes and scrapes must never be rate limited.
@SkipThrottle()
@ApiTags('health')
@ApiExtraModels(DependencyStatusDto, ReplicaStatusDto)
@Controller({ path: 'health', version: '1' })
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
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
    const readiness = await this.readiness.check();
    if (readiness.ready) {
      return this.replicas.enabled
        ? { status: 'ok', details: readiness.details, replicas: this.replicaStatuses() }
        : { status: 'ok', details: readiness.details };
    }
    if (readiness.draining) throw shuttingDown();
    throw new ProblemException({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      slug: 'not-ready',
      title: 'Service not ready',
      detail: `Unavailable: ${readiness.failing.join(', ')}`,
      extensions: { checks: readiness.details },
      headers: { 'Retry-After': '5' },
    });
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
