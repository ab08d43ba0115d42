import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  MessageEvent,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  Sse,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  type ReferenceObject,
  type SchemaObject,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { interval, map, merge, Observable } from 'rxjs';
import { AuditQueryService, AuditEventDto } from '../audit-log';
import { Authenticated } from '../common/access/authenticated.decorator';
import { AUDIT_READ, TASKS_READ, TASKS_WRITE } from '../common/access/access-rules';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency/idempotency-key.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { PreconditionFailedProblemSchema } from '../common/openapi/problem.schema';
import { Page, PageOf } from '../common/pagination/page.dto';
import {
  BulkUpdateTasksDto,
  BulkUpdateTasksResultDto,
  TasksNotFoundProblemSchema,
} from './dto/bulk-update-tasks.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query.dto';
import { TaskEventDto } from './dto/task-event.dto';
import { TaskHistoryQueryDto } from './dto/task-history.query.dto';
import { TaskStatsDto } from './dto/task-stats.dto';
import { TaskDto } from './dto/task.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { ifNoneMatchHits, taskETag } from './task-etag';
import { TaskEventsService } from './task-events.service';
import { TASK_LIMITS, TASK_TARGET_TYPE } from './task.constants';
import { viewerOf } from './task-viewer';
import { TasksService } from './tasks.service';

const TaskPageDto = PageOf(TaskDto, 'TaskPage');
const TaskHistoryPageDto = PageOf(AuditEventDto, 'TaskHistoryPage');
const ETAG_HEADER = {
  ETag: { description: 'Strong validator `"<id>:<version>"`.', schema: { type: 'string' } },
};
/** A stale `If-Match`: the body names the current version, the header carries its ETag. */
const STALE_IF_MATCH = {
  status: HttpStatus.PRECONDITION_FAILED,
  type: PreconditionFailedProblemSchema,
  headers: { ETag: { description: 'The current ETag.', schema: { type: 'string' } } },
};
const EXAMPLE_TASK_ID = '3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c';
/**
 * The SSE body is text, not a JSON document; `x-event-data` names the schema of each event's
 * `data:` (OpenAPI 3.0 has no keyword for it; 3.2's `itemSchema` would be one).
 */
const EVENT_STREAM_SCHEMA: SchemaObject & { 'x-event-data': ReferenceObject } = {
  type: 'string',
  description:
    'Server-Sent Events: blocks of `event:`, `id:` and `data:` lines, separated by a blank line.',
  'x-event-data': { $ref: '#/components/schemas/TaskEvent' },
};
/** SSE comments are not exposed by Nest; a typed heartbeat keeps proxies from idling out the stream. */
const HEARTBEAT_MS = 25_000;

@ApiTags('tasks')
@Controller({ path: 'tasks', version: '1' })
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly events: TaskEventsService,
    private readonly auditQuery: AuditQueryService,
  ) {}

  @Post()
  @Authenticated(TASKS_WRITE)
  @ApiOperation({
    operationId: 'createTask',
    summary: 'Create a task (owned by the caller)',
    description:
      'Answers 201 with `Location` and `ETag`. Send `Idempotency-Key` to make retries safe.',
  })
  @ApiIdempotencyKey()
  @ApiJsonBody(CreateTaskDto, {
    report: {
      summary: 'A task with a due date and labels',
      value: {
        title: 'Prepare the Q4 report',
        description: 'Collect the numbers from finance and draft the summary.',
        priority: 'high',
        dueAt: '2030-01-31T17:00:00.000Z',
        labels: ['finance', 'q4'],
      },
    },
    minimal: { summary: 'Only a title', value: { title: 'Call the supplier' } },
  })
  @ApiCreatedResponse({
    type: TaskDto,
    headers: {
      Location: { description: 'The new task’s URL.', schema: { type: 'string' } },
      ...ETAG_HEADER,
      'Idempotent-Replayed': {
        description:
          '`true` when this is the stored response to an earlier request with the same `Idempotency-Key`.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async create(
    @Body() body: CreateTaskDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TaskDto> {
    const { response } = await this.tasks.create(principal, body, context, idempotencyKey);
    res.status(response.status).headers(response.headers);
    return response.body;
  }

  @Get()
  @Authenticated(TASKS_READ)
  @ApiOperation({
    operationId: 'listTasks',
    summary: 'Tasks the caller can see, filtered, sorted, cursor-paginated',
    description:
      'Employees see tasks they own or are assigned; admins see all. Keyset pagination: pass `nextCursor` back as `cursor` with the same sort and filters (another sort or filter is a 400); a deep page costs what the first costs.',
  })
  @ApiOkResponse({ type: TaskPageDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  list(
    @Query() query: ListTasksQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<TaskDto>> {
    return this.tasks.list(principal, query);
  }

  @Get('stats')
  @Authenticated(TASKS_READ)
  @ApiOperation({
    operationId: 'getTaskStats',
    summary: 'Dashboard counts over the tasks the caller can see',
  })
  @ApiOkResponse({ type: TaskStatsDto })
  stats(@CurrentPrincipal() principal: Principal): Promise<TaskStatsDto> {
    return this.tasks.stats(principal);
  }

  @Sse('events')
  @Authenticated(TASKS_READ)
  @ApiOperation({
    operationId: 'streamTaskEvents',
    summary: 'Server-Sent Events: changes to tasks the caller can see',
    description:
      'A `text/event-stream` (Server-Sent Events), not JSON: read it with an SSE client (`EventSource`, or fetch and split on blank lines). Each event has `event: <type>`, `id: <taskId>:<version>` and one `data:` line holding a `TaskEvent` as JSON; fetch the task for its new state. Delivered across API replicas through Redis within about a second of commit; best-effort, so after a reconnect re-list. A `heartbeat` event every 25 s keeps idle connections open.',
  })
  @ApiExtraModels(TaskEventDto)
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'The event stream, open until the client leaves or the server shuts down. Each event’s `data:` is a `TaskEvent` as JSON (`#/components/schemas/TaskEvent`, also under `x-event-data`).',
    content: {
      'text/event-stream': {
        schema: EVENT_STREAM_SCHEMA,
        example: `event: task.updated\nid: ${EXAMPLE_TASK_ID}:2\ndata: {"type":"task.updated","id":"${EXAMPLE_TASK_ID}","version":2,"occurredAt":"2030-01-15T10:00:00.000Z"}\n\n`,
      },
    },
  })
  stream(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    const changes = this.events.streamFor(viewerOf(principal)).pipe(
      map((event): MessageEvent => ({
        type: event.type,
        id: `${event.id}:${event.version}`,
        data: event,
      })),
    );
    const heartbeats = interval(HEARTBEAT_MS).pipe(
      map((): MessageEvent => ({ type: 'heartbeat', data: { type: 'heartbeat' } })),
    );
    return this.events.untilShutdown(merge(changes, heartbeats));
  }

  @Post('bulk')
  @HttpCode(HttpStatus.OK)
  @Authenticated(TASKS_WRITE)
  @ApiOperation({
    operationId: 'bulkUpdateTasks',
    summary: `Change status, priority, assignee or labels of up to ${TASK_LIMITS.bulkMax} tasks at once`,
    description:
      'One transaction, all or nothing: if any id is not a task the caller can see, nothing changes and the 404 lists `missingIds`.',
  })
  @ApiJsonBody(BulkUpdateTasksDto, {
    close: {
      summary: 'Mark two tasks done',
      value: {
        ids: [EXAMPLE_TASK_ID, '9b7c1f0e-3f4a-4c38-9d58-6a1a2b3c4d5e'],
        changes: { status: 'done' },
      },
    },
  })
  @ApiOkResponse({ type: BulkUpdateTasksResultDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, {
    status: HttpStatus.NOT_FOUND,
    type: TasksNotFoundProblemSchema,
    description: 'Some ids are not tasks the caller can see (`missingIds`); nothing changed.',
  })
  async bulk(
    @Body() body: BulkUpdateTasksDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<BulkUpdateTasksResultDto> {
    return { items: await this.tasks.bulkUpdate(principal, body, context) };
  }

  @Get(':id')
  @Authenticated(TASKS_READ)
  @ApiOperation({
    operationId: 'getTask',
    summary: 'One task',
    description: 'Send `If-None-Match` with a known ETag to get a 304 when it has not changed.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'ETag(s) the client holds.' })
  @ApiOkResponse({ type: TaskDto, headers: ETAG_HEADER })
  @ApiNotModifiedResponse({ description: 'The task still has the ETag given in If-None-Match.' })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TaskDto | undefined> {
    const task = await this.tasks.get(principal, id);
    res.header('ETag', taskETag(task));
    if (ifNoneMatchHits(ifNoneMatch, task)) {
      res.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return task;
  }

  @Get(':id/history')
  @Authenticated(TASKS_READ)
  @ApiOperation({
    operationId: 'getTaskHistory',
    summary: 'The task’s audit events, newest first',
    description:
      'For whoever can see the task (also after a soft delete). Lists sealed events: a change appears once the audit worker has sealed it, normally within a second.',
  })
  @ApiOkResponse({ type: TaskHistoryPageDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async history(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TaskHistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<AuditEventDto>> {
    await this.tasks.assertVisible(principal, id);
    const { limit = TASK_LIMITS.historyPageDefault, cursor } = query;
    const page = await this.auditQuery.list(principal.userId, {
      targetType: TASK_TARGET_TYPE,
      targetId: id,
      limit,
      cursor,
    });
    // Where a change came from (IP, user agent) is for those who read the audit log; the
    // task's other viewers (owner, assignee) see what changed and who changed it.
    if (AUDIT_READ.roles?.some((role) => principal.roles.includes(role))) return page;
    return { ...page, items: page.items.map((event) => ({ ...event, ip: null, userAgent: null })) };
  }

  @Patch(':id')
  @Authenticated(TASKS_WRITE)
  @ApiOperation({
    operationId: 'updateTask',
    summary: 'Change a task',
    description:
      'With `If-Match: <ETag>` the change applies only if the task is still at that version, else 412 with `currentVersion`. Without `If-Match` the change applies unconditionally (last write wins).',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag the change is based on.' })
  @ApiJsonBody(UpdateTaskDto, {
    start: { summary: 'Start working on it', value: { status: 'in_progress', priority: 'urgent' } },
    reschedule: {
      summary: 'Move the due date and unassign',
      value: { dueAt: '2030-02-15T09:00:00.000Z', assigneeId: null },
    },
  })
  @ApiOkResponse({ type: TaskDto, headers: ETAG_HEADER })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, STALE_IF_MATCH)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TaskDto> {
    const task = await this.tasks.update(principal, id, body, ifMatch, context);
    res.header('ETag', taskETag(task));
    return task;
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated(TASKS_WRITE)
  @ApiOperation({
    operationId: 'deleteTask',
    summary: 'Soft-delete a task (restorable)',
    description: 'Honours `If-Match` like PATCH.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag the deletion is based on.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, STALE_IF_MATCH)
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<void> {
    await this.tasks.remove(principal, id, ifMatch, context);
  }

  @Post(':id/restore')
  @HttpCode(HttpStatus.OK)
  @Authenticated(TASKS_WRITE)
  @ApiOperation({
    operationId: 'restoreTask',
    summary: 'Undo a soft delete',
    description: 'Restoring a task that is not deleted changes nothing and answers 200.',
  })
  @ApiOkResponse({ type: TaskDto, headers: ETAG_HEADER })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async restore(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<TaskDto> {
    const task = await this.tasks.restore(principal, id, context);
    res.header('ETag', taskETag(task));
    return task;
  }
}
