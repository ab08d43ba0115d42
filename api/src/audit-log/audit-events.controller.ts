import { Controller, Get, HttpStatus, Logger, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { finished } from 'node:stream';
import { Authenticated } from '../common/access/authenticated.decorator';
import { AUDIT_EXPORT, AUDIT_READ } from '../common/access/access-rules';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import { Public } from '../common/access/public.decorator';
import type { Principal } from '../common/access/principal';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { Page, PageOf } from '../common/pagination/page.dto';
import { auditActorOf } from '../common/access/audit-actor';
import { AuditLogService } from './audit-log.service';
import { filtersOf } from './audit-event-filters';
import { AuditQueryService } from './audit-query.service';
import { AuditVerifierService } from './audit-verifier.service';
import { CheckpointSigner, keyIdOf } from './chain/checkpoint-signer';
import { AuditEventDto } from './dto/audit-event.dto';
import { ExportAuditEventsQueryDto, ListAuditEventsQueryDto } from './dto/audit-filters.dto';
import { AuditStatsDto } from './dto/audit-stats.dto';
import {
  AuditPublicKeyDto,
  AuditVerifyResultDto,
  VerifyAuditChainQueryDto,
} from './dto/audit-verify.dto';
import { EXPORT_CONTENT_TYPES } from './export-format';
import { sendExportFile } from './send-export-file';
import { DataSource } from 'typeorm';

const AuditEventPageDto = PageOf(AuditEventDto, 'AuditEventPage');

/** Reading the audit log: auditors and admins only, and every read is itself audited. */
@ApiTags('audit')
@Controller({ path: 'audit', version: '1' })
export class AuditEventsController {
  private readonly logger = new Logger(AuditEventsController.name);

  constructor(
    private readonly query: AuditQueryService,
    private readonly verifier: AuditVerifierService,
    private readonly signer: CheckpointSigner,
    private readonly audit: AuditLogService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('events')
  @Authenticated(AUDIT_READ)
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Sealed audit events, newest first',
    description:
      'Keyset pagination on seq: pass `nextCursor` back as `cursor` with the same filters. `action` is a prefix.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async list(
    @Query() query: ListAuditEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<Page<AuditEventDto>> {
    // Listed first, so that a refused query (bad cursor) is not recorded as a read.
    const page = await this.query.list(principal.userId, query);
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.events.read',
      actor: auditActorOf(principal),
      target: { type: 'audit_log', id: null },
      changes: { query: { after: { ...filtersOf(query), cursor: query.cursor } } },
      outcome: 'success',
      context,
    });
    return page;
  }

  @Get('events/export')
  @Authenticated(AUDIT_EXPORT)
  @ApiOperation({
    operationId: 'exportAuditEvents',
    summary: 'Download every matching event (CSV or JSON Lines), streamed in seq order',
    description:
      "Streams the whole match in constant memory. CSV follows RFC 4180 and prefixes cells starting with `= + - @` with `'`. For very large or verifiable exports use `POST /audit/exports`.",
  })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv, EXPORT_CONTENT_TYPES.jsonl)
  @ApiOkResponse({
    description: 'The file (`Content-Disposition: attachment`).',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async export(
    @Query() query: ExportAuditEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const filters = filtersOf(query);
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.events.exported',
      actor: auditActorOf(principal),
      target: { type: 'audit_log', id: null },
      changes: { export: { after: { format: query.format, filters } } },
      outcome: 'success',
      context,
    });
    const stream = await this.query.exportStream(principal.userId, query.format, filters);
    // Runs once the rows are all out or the client left: return the connection.
    finished(stream.body, (error) => {
      stream.release(error ?? undefined);
      if (!error) return;
      this.logger.warn(`Audit export stopped: ${String(error)}`);
      // Cut the connection rather than end the body: a cleanly ended chunked response would
      // look like a complete export to the client.
      reply.raw.destroy();
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await sendExportFile(reply, {
      format: query.format,
      filename: `audit-events-${stamp}`,
      body: stream.body,
    });
  }

  @Get('stats')
  @Authenticated(AUDIT_READ)
  @ApiOperation({
    operationId: 'getAuditStats',
    summary: 'Dashboard figures: events per day, totals, chain head, last checkpoint, backlog',
    description:
      'Aggregates only (no event content), so unlike the event reads this is not recorded in the log; a dashboard may poll it.',
  })
  @ApiOkResponse({ type: AuditStatsDto })
  stats(@CurrentPrincipal() principal: Principal): Promise<AuditStatsDto> {
    return this.query.stats(principal.userId);
  }

  @Get('verify')
  @Authenticated(AUDIT_READ)
  @ApiOperation({
    operationId: 'verifyAuditChain',
    summary: 'Walk the hash chain and the signed checkpoints',
    description: 'Reports the first seq that does not verify, if any.',
  })
  @ApiOkResponse({ type: AuditVerifyResultDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async verify(
    @Query() query: VerifyAuditChainQueryDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<AuditVerifyResultDto> {
    const result = await this.verifier.verify(query);
    await this.audit.record(this.dataSource.manager, {
      action: 'audit.chain.verified',
      actor: auditActorOf(principal),
      target: { type: 'audit_log', id: null },
      changes: { range: { after: { fromSeq: query.fromSeq, toSeq: query.toSeq } } },
      outcome: result.ok ? 'success' : 'failure',
      context,
    });
    return result;
  }

  @Get('public-key')
  @Public()
  @ApiOperation({
    operationId: 'getAuditPublicKey',
    summary: 'The Ed25519 public key that verifies audit checkpoints',
    description:
      'The current signing key, and the retired keys still trusted for what they signed ' +
      'before a key rotation (docs/operations.md, Audit signing key).',
  })
  @ApiOkResponse({ type: AuditPublicKeyDto })
  publicKey(): AuditPublicKeyDto {
    return {
      algorithm: 'Ed25519',
      keyId: this.signer.keyId,
      publicKeyPem: this.signer.publicKeyPem,
      previousKeys: this.signer.previousPublicKeys.map((key) => ({
        keyId: keyIdOf(key),
        publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
      })),
    };
  }
}
