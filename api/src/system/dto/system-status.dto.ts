import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({
  name: 'QueueStatus',
  description:
    'Job counts of one Bull queue. When Redis does not answer, `available` is false, the counts are null and `message` says why.',
})
export class QueueStatusDto {
  @ApiProperty({ example: 'audit' })
  name!: string;

  @ApiProperty({ description: 'False when Redis could not be read in time.', example: true })
  available!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Waiting to run.', example: 0 })
  waiting!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Running now.', example: 1 })
  active!: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Scheduled for later (including retries after a backoff).',
    example: 0,
  })
  delayed!: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Failed for good (kept up to the queue’s removeOnFail limit).',
    example: 0,
  })
  failed!: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Completed (kept up to the queue’s removeOnComplete limit).',
    example: 12,
  })
  completed!: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Held because the queue is paused.',
    example: 0,
  })
  paused!: number | null;

  @ApiProperty({ required: false, example: 'Redis is not connected' })
  message?: string;
}

@ApiSchema({
  name: 'FailedJob',
  description: 'A job that failed for good. Never includes the job’s data (it may hold secrets).',
})
export class FailedJobDto {
  @ApiProperty({ example: 'audit' })
  queue!: string;

  @ApiProperty({ example: '42' })
  id!: string;

  @ApiProperty({ example: 'export' })
  name!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The error message (at most 1000 characters).',
    example: 'ENOSPC: no space left on device',
  })
  failedReason!: string | null;

  @ApiProperty({ type: 'integer', example: 5 })
  attemptsMade!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  failedAt!: string | null;
}

@ApiSchema({ name: 'OutboxStatus', description: 'The audit outbox: events not sealed yet.' })
export class OutboxStatusDto {
  @ApiProperty({ type: 'integer', example: 0 })
  pending!: number;

  @ApiProperty({ description: 'Age of the oldest pending event; 0 when none.', example: 0 })
  oldestPendingAgeSeconds!: number;
}

@ApiSchema({ name: 'SystemStatus', description: 'Background processing at a glance (admin).' })
export class SystemStatusDto {
  @ApiProperty({ type: [QueueStatusDto], description: 'Every Bull queue of the app, by name.' })
  queues!: QueueStatusDto[];

  @ApiProperty({
    type: [FailedJobDto],
    description: 'The newest failed jobs over all queues (at most 20), newest first.',
  })
  recentFailedJobs!: FailedJobDto[];

  @ApiProperty({ type: OutboxStatusDto })
  outbox!: OutboxStatusDto;
}
