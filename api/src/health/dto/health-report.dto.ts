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
