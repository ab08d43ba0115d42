import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AUDIT_STREAMS } from '../common/access/access-rules';
import { auditActorOf } from '../common/access/audit-actor';
import { Authenticated } from '../common/access/authenticated.decorator';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { toAuditStreamDto } from './audit-stream-view';
import { AuditStreamsService } from './audit-streams.service';
import { AuditStreamDto, AuditStreamListDto } from './dto/audit-stream.dto';
import { CreateAuditStreamDto } from './dto/create-audit-stream.dto';

/** Streaming the sealed log to a SIEM (auditors only; docs/audit-log.md). */
@ApiTags('audit')
@Controller({ path: 'audit/streams', version: '1' })
export class AuditStreamsController {
  constructor(private readonly streams: AuditStreamsService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Authenticated(AUDIT_STREAMS)
  @ApiOperation({
    operationId: 'createAuditStream',
    summary: 'Start streaming the sealed audit log to a SIEM or a file',
    description:
      'Workers send batches in seq order from the start chosen (`startAt`), each with its seq range and the chain hash at both ends; the cursor moves only after the receiver’s 2xx (or the file’s fsync). The secret is write-only. Auditors only.',
  })
  @ApiJsonBody(CreateAuditStreamDto, {
    file: {
      summary: 'JSON Lines file under AUDIT_STREAM_FILE_DIR, our event shape',
      value: {
        name: 'Local archive',
        kind: 'file',
        format: 'jsonl',
        fileName: 'audit-stream.jsonl',
      },
    },
    splunk: {
      summary: 'Splunk HTTP Event Collector, OCSF events',
      value: {
        name: 'Splunk (SOC)',
        kind: 'splunk-hec',
        format: 'ocsf',
        url: 'https://splunk.example.com:8088/services/collector/event',
        secret: '6b1e0c7a-7f44-4c1b-9e0f-0d9d5c1e2a10',
        batchSize: 500,
      },
    },
    httpJson: {
      summary: 'Generic JSON receiver, only new events',
      value: {
        name: 'Data lake',
        kind: 'http-json',
        format: 'jsonl',
        url: 'https://ingest.example.com/audit',
        startAt: 'now',
      },
    },
  })
  @ApiCreatedResponse({
    type: AuditStreamDto,
    headers: {
      Location: {
        description: 'The stream (`getAuditStream`).',
        required: true,
        schema: {
          type: 'string',
          example: '/api/v1/audit/streams/3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
        },
      },
    },
  })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  async create(
    @Body() body: CreateAuditStreamDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditStreamDto> {
    const row = await this.streams.create(body, auditActorOf(principal), context);
    reply.header('Location', `/api/v1/audit/streams/${row.stream.id}`);
    return toAuditStreamDto(row);
  }

  @Get()
  @Authenticated(AUDIT_STREAMS)
  @ApiOperation({
    operationId: 'listAuditStreams',
    summary: 'Every audit stream with its health (lag, last error, paused)',
  })
  @ApiOkResponse({ type: AuditStreamListDto })
  async list(): Promise<AuditStreamListDto> {
    return { items: (await this.streams.list()).map(toAuditStreamDto) };
  }

  @Get(':id')
  @Authenticated(AUDIT_STREAMS)
  @ApiOperation({ operationId: 'getAuditStream', summary: 'One audit stream with its health' })
  @ApiOkResponse({ type: AuditStreamDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AuditStreamDto> {
    return toAuditStreamDto(await this.streams.find(id));
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @Authenticated(AUDIT_STREAMS)
  @ApiOperation({
    operationId: 'pauseAuditStream',
    summary: 'Stop sending (after the batch in flight); the cursor is kept',
  })
  @ApiOkResponse({ type: AuditStreamDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async pause(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<AuditStreamDto> {
    return toAuditStreamDto(
      await this.streams.setPaused(id, true, auditActorOf(principal), context),
    );
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @Authenticated(AUDIT_STREAMS)
  @ApiOperation({
    operationId: 'resumeAuditStream',
    summary: 'Send again from the cursor (nothing skipped while paused)',
  })
  @ApiOkResponse({ type: AuditStreamDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async resume(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<AuditStreamDto> {
    return toAuditStreamDto(
      await this.streams.setPaused(id, false, auditActorOf(principal), context),
    );
  }
}
