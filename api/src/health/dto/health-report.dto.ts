import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ProblemSchema } from '../../common/openapi/problem.schema';

@ApiSchema({ name: 'DependencyStatus' })
export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'], enumName: 'DependencyState', example: 'up' })
  status!: 'up' | 'down';

  @ApiProperty({ required: false, example: 'Redis did not answer within 1500 ms' })
  message?: string;

  @ApiProperty({
    required: false,
    description: '`auditOutbox` only: events captured but not yet sealed.',
    example: 0,
  })
  backlog?: number;

  @ApiProperty({
    required: false,
    description: '`auditOutbox` only: age of the oldest unsealed event, in seconds.',
    example: 0,
  })
  oldestAgeSeconds?: number;
}

@ApiSchema({
  name: 'ReplicaStatus',
  description:
    'A read replica as the background poll last saw it. `up`: serves reads; `lagging`: more than REPLICA_MAX_LAG_MS behind the primary; `down`: unreachable or not a standby. Reads skip a replica that is not `up`; readiness never fails on one.',
})
export class ReplicaStatusDto {
  @ApiProperty({ enum: ['up', 'lagging', 'down'], enumName: 'ReplicaState', example: 'up' })
  state!: 'up' | 'lagging' | 'down';

  @ApiProperty({
    type: 'number',
    nullable: true,
    description:
      'Seconds of primary writes not replayed yet; null while unknown (unreachable, or not measured yet).',
    example: 0.012,
  })
  lagSeconds!: number | null;

  @ApiProperty({ required: false, example: 'connect ECONNREFUSED 10.0.0.7:5432' })
  message?: string;
}

@ApiSchema({ name: 'HealthReport' })
export class HealthReportDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @ApiProperty({
    description: 'Each dependency checked, by name.',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatus' },
    example: { postgres: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } },
  })
  details!: Record<string, DependencyStatusDto>;

  @ApiProperty({
    required: false,
    description:
      'Only with DATABASE_REPLICA_URLS set: each read replica by `host:port/database`. Reported, never failing readiness (reads fall back to the primary).',
    type: Object,
    additionalProperties: { $ref: '#/components/schemas/ReplicaStatus' },
    example: {
      'replica-1.db:5432/tasktrackr': { state: 'up', lagSeconds: 0.012 },
      'replica-2.db:5432/tasktrackr': {
        state: 'down',
        lagSeconds: null,
        message: 'connect ECONNREFUSED 10.0.0.8:5432',
      },
    },
  })
  replicas?: Record<string, ReplicaStatusDto>;
}

@ApiSchema({ name: 'Liveness' })
export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';
}

@ApiSchema({
  name: 'NotReadyProblem',
  description:
    'A `not-ready` problem (503): at least one dependency is down; `checks` gives the state of each.',
})
export class NotReadyProblemSchema extends ProblemSchema {
  @ApiProperty({
    description: 'Each dependency checked, by name.',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatus' },
    example: {
      postgres: { status: 'up' },
      redis: { status: 'down', message: 'Redis did not answer within 1500 ms' },
    },
  })
  checks!: Record<string, DependencyStatusDto>;
}
