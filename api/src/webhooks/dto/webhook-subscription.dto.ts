import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
} from 'class-validator';
import { OUTBOUND_URL_MAX_LENGTH } from '../../common/outbound';
import { IsOmittable } from '../../common/validation/is-omittable';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_LIMITS, type WebhookEventType } from '../webhook.constants';

const URL_DESCRIPTION =
  'Where deliveries are POSTed: https, resolving only to public addresses (docs/webhooks.md, "SSRF rules").';
const EVENT_TYPES_DESCRIPTION =
  '`task.*` events of tasks the owner may read; `user.*` (every user event) for admins only.';

@ApiSchema({ name: 'CreateWebhookSubscription' })
export class CreateWebhookSubscriptionDto {
  @ApiProperty({
    maxLength: OUTBOUND_URL_MAX_LENGTH,
    description: URL_DESCRIPTION,
    example: 'https://hooks.example.com/tasktrackr',
  })
  @IsString()
  @MaxLength(OUTBOUND_URL_MAX_LENGTH)
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    minItems: 1,
    description: EVENT_TYPES_DESCRIPTION,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes!: WebhookEventType[];

  @ApiProperty({
    required: false,
    maxLength: WEBHOOK_LIMITS.descriptionMax,
    example: 'Sync to our CRM',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.descriptionMax)
  description?: string;
}

@ApiSchema({ name: 'UpdateWebhookSubscription', description: 'Only the fields given change.' })
export class UpdateWebhookSubscriptionDto {
  @ApiProperty({
    required: false,
    maxLength: OUTBOUND_URL_MAX_LENGTH,
    description: URL_DESCRIPTION,
  })
  @IsOmittable()
  @IsString()
  @MaxLength(OUTBOUND_URL_MAX_LENGTH)
  url?: string;

  @ApiProperty({
    required: false,
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    minItems: 1,
    description: EVENT_TYPES_DESCRIPTION,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[];

  @ApiProperty({ required: false, maxLength: WEBHOOK_LIMITS.descriptionMax })
  @IsOmittable()
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.descriptionMax)
  description?: string;

  @ApiProperty({
    required: false,
    description:
      '`true` re-enables a disabled subscription (its queued deliveries resume in order); `false` pauses it.',
  })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;
}

@ApiSchema({
  name: 'WebhookSubscription',
  description: 'A webhook subscription (never its secret).',
})
export class WebhookSubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The user whose access filters the events.' })
  ownerId!: string;

  @ApiProperty({ example: 'https://hooks.example.com/tasktrackr' })
  url!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true })
  eventTypes!: WebhookEventType[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why it was disabled: paused by a user, or a delivery failed for the whole retry window.',
    example: null,
  })
  disabledReason!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'After a rotation: until when deliveries are also signed with the old secret.',
  })
  previousSecretExpiresAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

@ApiSchema({
  name: 'CreatedWebhookSubscription',
  description: 'The new subscription; `secret` is shown only this once.',
})
export class CreatedWebhookSubscriptionDto extends WebhookSubscriptionDto {
  @ApiProperty({
    description:
      'Standard Webhooks signing secret (`whsec_` + base64). Shown only in this response.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

@ApiSchema({ name: 'WebhookSecret', description: 'A rotated secret, shown only this once.' })
export class WebhookSecretDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Until then deliveries carry a signature with the old secret too.',
  })
  previousSecretExpiresAt!: string;
}
