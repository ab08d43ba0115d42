import { ApiSchema } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { WEBHOOK_LIMITS } from '../webhook.constants';

@ApiSchema({ name: 'ListWebhookSubscriptionsQuery' })
export class ListWebhookSubscriptionsQueryDto extends PageQueryDto({
  maxLimit: WEBHOOK_LIMITS.subscriptionsPageMax,
  defaultLimit: WEBHOOK_LIMITS.subscriptionsPageDefault,
}) {}

@ApiSchema({ name: 'ListWebhookDeliveriesQuery' })
export class ListWebhookDeliveriesQueryDto extends PageQueryDto({
  maxLimit: WEBHOOK_LIMITS.deliveriesPageMax,
  defaultLimit: WEBHOOK_LIMITS.deliveriesPageDefault,
}) {}
