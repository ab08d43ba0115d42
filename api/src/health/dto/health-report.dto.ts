import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'DependencyStatus' })
export class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'], enumName: 'DependencyState', example: 'up' })
  status!: 'up' | 'down';

  @ApiProperty({ required: false, example: 'Redis did not answer within 1500 ms' })
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
}

@ApiSchema({ name: 'Liveness' })
export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';
}
