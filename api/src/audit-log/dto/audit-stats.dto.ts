import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { DailyCountDto } from '../../common/stats/daily-count.dto';

@ApiSchema({ name: 'AuditCheckpointRef', description: 'The newest signed checkpoint.' })
export class AuditCheckpointRefDto {
  @ApiProperty({ description: 'Seq it covers (decimal string).', example: '1000' })
  seq!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T18:00:00.123Z' })
  createdAt!: string;
}

@ApiSchema({
  name: 'AuditStats',
  description: 'Figures for the audit dashboard; reading them is not itself audited.',
})
export class AuditStatsDto {
  @ApiProperty({
    type: [DailyCountDto],
    description:
      'Sealed events per UTC day of `occurredAt`, the last 30 days (today included), oldest first; days without events count 0.',
  })
  eventsPerDay!: DailyCountDto[];

  @ApiProperty({
    type: 'integer',
    description: 'Sealed events held in the database (after any retention purge).',
    example: 1042,
  })
  totalEvents!: number;

  @ApiProperty({
    description:
      'Seq of the chain head (decimal string): the last sealed event, or a retention checkpoint if later; "0" for an empty chain.',
    example: '1042',
    pattern: '^(0|[1-9][0-9]*)$',
  })
  headSeq!: string;

  @ApiProperty({ type: AuditCheckpointRefDto, nullable: true })
  lastCheckpoint!: AuditCheckpointRefDto | null;

  @ApiProperty({
    type: 'integer',
    description: 'Events captured but not sealed yet (the outbox).',
    example: 0,
  })
  pendingOutbox!: number;
}
