import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Logger,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../common/access/authenticated.decorator';
import { AUDIT_EXPORT } from '../common/access/access-rules';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { auditActorOf } from '../common/access/audit-actor';
import { AuditExportsService } from './audit-exports.service';
import {
  AuditExportAcceptedDto,
  AuditExportDto,
  CreateAuditExportDto,
} from './dto/audit-export.dto';
import { AuditExportEntity } from './entities/audit-export.entity';
import { EXPORT_CONTENT_TYPES } from './export-format';
import { sendExportFile } from './send-export-file';

function toDto(entity: AuditExportEntity): AuditExportDto {
  return {
    id: entity.id,
    status: entity.status,
    progress: entity.progress,
    format: entity.format,
    createdAt: entity.createdAt.toISOString(),
    completedAt: entity.completedAt?.toISOString() ?? null,
    expiresAt: entity.expiresAt?.toISOString() ?? null,
    manifest: entity.manifest,
    signature: entity.manifestSignature,
    error: entity.error,
  };
}

/** Background exports with progress and a signed manifest (auditors and admins). */
@ApiTags('audit')
@Controller({ path: 'audit/exports', version: '1' })
export class AuditExportsController {
  private readonly logger = new Logger(AuditExportsController.name);

  constructor(private readonly exports: AuditExportsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated(AUDIT_EXPORT)
  @ApiOperation({
    operationId: 'createAuditExport',
    summary: 'Start a background export of the matching events',
    description:
      'Answers 202 with `Location`, the export’s status URL (`getAuditExport`): poll it for progress, and download when `status` is `done`.',
  })
  @ApiJsonBody(CreateAuditExportDto, {
    failedLogins: {
      summary: 'Failed sign-ins in January, as JSON Lines',
      value: {
        format: 'jsonl',
        filters: {
          action: 'auth.login',
          outcome: 'failure',
          from: '2030-01-01T00:00:00Z',
          to: '2030-02-01T00:00:00Z',
        },
      },
    },
    everything: { summary: 'The whole log, as CSV', value: { format: 'csv' } },
  })
  @ApiAcceptedResponse({
    type: AuditExportAcceptedDto,
    headers: {
      Location: {
        description: 'The export’s status URL (`getAuditExport`).',
        required: true,
        schema: {
          type: 'string',
          example: '/api/v1/audit/exports/3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
        },
      },
    },
  })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async create(
    @Body() body: CreateAuditExportDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditExportAcceptedDto> {
    const entity = await this.exports.request(
      body.format,
      body.filters ?? {},
      auditActorOf(principal),
      context,
    );
    reply.header('Location', `/api/v1/audit/exports/${entity.id}`);
    return { id: entity.id };
  }

  @Get(':id')
  @Authenticated(AUDIT_EXPORT)
  @ApiOperation({
    operationId: 'getAuditExport',
    summary: 'Status, progress and manifest of an export',
  })
  @ApiOkResponse({ type: AuditExportDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AuditExportDto> {
    return toDto(await this.exports.find(id));
  }

  @Get(':id/download')
  @Authenticated(AUDIT_EXPORT)
  @ApiOperation({ operationId: 'downloadAuditExport', summary: 'The finished export file' })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.jsonl)
  @ApiOkResponse({
    description: 'The file; its SHA-256 is `manifest.fileSha256`.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  async download(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { entity, file } = await this.exports.openDownload(id, auditActorOf(principal), context);
    file.once('error', (error) =>
      this.logger.warn(`Audit export download stopped: ${String(error)}`),
    );
    await sendExportFile(reply, {
      format: entity.format,
      filename: `audit-export-${entity.id}`,
      body: file,
    });
  }
}
