import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { IsInstantText } from '../../common/validation/is-instant-text';
import {
  ATTEMPT_OUTCOMES,
  DELIVERY_STATUSES,
  type AttemptOutcome,
  type DeliveryStatus,
} from '../webhook.constants';

@ApiSchema({ name: 'WebhookAttempt', description: 'One attempt to deliver.' })
export class WebhookAttemptDto {
  @ApiProperty({ format: 'date-time' })
  attemptedAt!: string;

  @ApiProperty({ enum: ATTEMPT_OUTCOMES, enumName: 'WebhookAttemptOutcome', example: 'success' })
  outcome!: AttemptOutcome;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'HTTP status; null when none came.',
    example: 200,
  })
  statusCode!: number | null;

  @ApiProperty({ example: 12.5 })
  latencyMs!: number;

  @ApiProperty({ description: 'The first kilobyte of the response body.', example: 'ok' })
  responseBody!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why no answer came, or why the URL was refused.',
  })
  error!: string | null;
}

@ApiSchema({
  name: 'WebhookDelivery',
  description: 'One message to one subscription, and its attempts.',
})
export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Sent as `webhook-id`: receivers dedupe by it.' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  subscriptionId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Sequence of the audit event delivered (null for a test send).',
    example: '1042',
  })
  eventSeq!: string | null;

  @ApiProperty({ example: 'task.updated' })
  eventType!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus', example: 'succeeded' })
  status!: DeliveryStatus;

  @ApiProperty()
  attemptCount!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The delivery this one replays.',
  })
  replayOf!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({ type: WebhookAttemptDto, isArray: true, description: 'Oldest first.' })
  attempts!: WebhookAttemptDto[];
}

@ApiSchema({ name: 'ReplayWebhookEvents' })
export class ReplayWebhookEventsDto {
  @ApiProperty({
    format: 'date-time',
    description:
      'Queue again every event this subscription matched that occurred at or after this instant.',
    example: '2030-01-01T00:00:00.000Z',
  })
  @IsISO8601({ strict: true })
  @IsInstantText()
  since!: string;
}

@ApiSchema({ name: 'WebhookReplayQueued' })
export class WebhookReplayQueuedDto {
  @ApiProperty({ description: 'Deliveries queued (after the ones already waiting).', example: 12 })
  queued!: number;
}
