import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { WEBHOOKS_MANAGE } from '../common/access/access-rules';
import { Authenticated } from '../common/access/authenticated.decorator';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { ReqContext, type RequestContext } from '../common/http/request-context';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { PageOf, type Page } from '../common/pagination/page.dto';
import {
  ListWebhookDeliveriesQueryDto,
  ListWebhookSubscriptionsQueryDto,
} from './dto/list-webhooks.query.dto';
import {
  ReplayWebhookEventsDto,
  WebhookDeliveryDto,
  WebhookReplayQueuedDto,
} from './dto/webhook-delivery.dto';
import {
  CreatedWebhookSubscriptionDto,
  CreateWebhookSubscriptionDto,
  UpdateWebhookSubscriptionDto,
  WebhookSecretDto,
  WebhookSubscriptionDto,
} from './dto/webhook-subscription.dto';
import { WebhooksService } from './webhooks.service';

const WebhookSubscriptionPageDto = PageOf(WebhookSubscriptionDto, 'WebhookSubscriptionPage');
const WebhookDeliveryPageDto = PageOf(WebhookDeliveryDto, 'WebhookDeliveryPage');
const uuid = () => new ParseUUIDPipe({ version: '4' });

/** Where queued replays show up and can be followed: the subscription's delivery log. */
function deliveryLogUrl(subscriptionId: string): string {
  return `/api/v1/webhooks/${subscriptionId}/deliveries`;
}

const DELIVERY_LOG_LOCATION = {
  Location: {
    description:
      'The subscription’s delivery log (`listWebhookDeliveries`), where the queued deliveries appear and their attempts can be followed.',
    required: true,
    schema: {
      type: 'string' as const,
      example: '/api/v1/webhooks/7d1c0c7e-2b8a-4c55-9a53-0d8d6f5b3a21/deliveries',
    },
  },
};

/**
 * Webhook subscriptions (docs/webhooks.md). Signed-in employees and admins; an employee sees and
 * manages only their own (another's is a 404), admins all.
 */
@ApiTags('webhooks')
@Controller({ path: 'webhooks', version: '1' })
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Authenticated(WEBHOOKS_MANAGE)
  // The answer holds the secret's only copy: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'createWebhookSubscription',
    summary: 'Subscribe a URL to events (the signing secret is shown only in this response)',
    description:
      'The URL must be https and resolve only to public addresses (checked now and at every send). Events are those the caller may read: their own and assigned tasks; admins every task and, with `user.*`, every user event. Deliveries start with the next event sealed in the audit log.',
  })
  @ApiJsonBody(CreateWebhookSubscriptionDto, {
    tasks: {
      summary: 'Task changes to a CRM',
      value: {
        url: 'https://hooks.example.com/tasktrackr',
        eventTypes: ['task.created', 'task.updated'],
        description: 'Sync to our CRM',
      },
    },
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN)
  create(
    @Body() body: CreateWebhookSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<CreatedWebhookSubscriptionDto> {
    return this.webhooks.create(principal, body, context);
  }

  @Get()
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({
    operationId: 'listWebhookSubscriptions',
    summary: 'Webhook subscriptions: mine, or every one for admins (oldest first)',
  })
  @ApiOkResponse({ type: WebhookSubscriptionPageDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  list(
    @Query() query: ListWebhookSubscriptionsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<WebhookSubscriptionDto>> {
    return this.webhooks.list(principal, query);
  }

  @Get(':id')
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({ operationId: 'getWebhookSubscription', summary: 'One webhook subscription' })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(
    @Param('id', uuid()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookSubscriptionDto> {
    return this.webhooks.get(principal, id);
  }

  @Patch(':id')
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({
    operationId: 'updateWebhookSubscription',
    summary: 'Change a subscription, pause it, or re-enable it',
  })
  @ApiJsonBody(UpdateWebhookSubscriptionDto, {
    reenable: { summary: 'Re-enable after the receiver is fixed', value: { enabled: true } },
    url: { summary: 'Move to a new URL', value: { url: 'https://hooks.example.com/v2' } },
  })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND)
  update(
    @Param('id', uuid()) id: string,
    @Body() body: UpdateWebhookSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<WebhookSubscriptionDto> {
    return this.webhooks.update(principal, id, body, context);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({
    operationId: 'deleteWebhookSubscription',
    summary: 'Delete a subscription, its queue and its delivery log',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async remove(
    @Param('id', uuid()) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<void> {
    await this.webhooks.remove(principal, id, context);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @Authenticated(WEBHOOKS_MANAGE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'New signing secret (shown once); the old one also signs for 24 hours',
    description:
      'Until `previousSecretExpiresAt`, `webhook-signature` carries two signatures (`v1,<new> v1,<old>`), so receivers can switch secrets without dropping a delivery.',
  })
  @ApiOkResponse({ type: WebhookSecretDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  rotate(
    @Param('id', uuid()) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<WebhookSecretDto> {
    return this.webhooks.rotateSecret(principal, id, context);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.OK)
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({
    operationId: 'testWebhookSubscription',
    summary: 'Send a signed `webhook.test` message now and answer what the receiver said',
    description:
      'Sent at once, outside the queue (it neither waits for nor holds up queued deliveries); recorded in the delivery log. A failure is not retried.',
  })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  test(
    @Param('id', uuid()) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.testSend(principal, id);
  }

  @Get(':id/deliveries')
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: 'The delivery log, newest first, each with its attempts',
  })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  deliveries(
    @Param('id', uuid()) id: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<WebhookDeliveryDto>> {
    return this.webhooks.listDeliveries(principal, id, query);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({
    operationId: 'replayWebhookDelivery',
    summary: 'Queue one past delivery again (new webhook-id, after those already waiting)',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, headers: DELIVERY_LOG_LOCATION })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async replayOne(
    @Param('id', uuid()) id: string,
    @Param('deliveryId', uuid()) deliveryId: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookDeliveryDto> {
    const queued = await this.webhooks.replayDelivery(principal, id, deliveryId, context);
    reply.header('Location', deliveryLogUrl(id));
    return queued;
  }

  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated(WEBHOOKS_MANAGE)
  @ApiOperation({
    operationId: 'replayWebhookEvents',
    summary: 'Queue again every matching event since an instant',
    description:
      'Filtered as the first time (event types, and what the owner may read now); at most 50,000 per call, in sequence order, after the deliveries already waiting.',
  })
  @ApiJsonBody(ReplayWebhookEventsDto, {
    since: { summary: 'Everything since New Year', value: { since: '2030-01-01T00:00:00.000Z' } },
  })
  @ApiAcceptedResponse({ type: WebhookReplayQueuedDto, headers: DELIVERY_LOG_LOCATION })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async replaySince(
    @Param('id', uuid()) id: string,
    @Body() body: ReplayWebhookEventsDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookReplayQueuedDto> {
    const queued = await this.webhooks.replaySince(principal, id, new Date(body.since), context);
    reply.header('Location', deliveryLogUrl(id));
    return queued;
  }
}
