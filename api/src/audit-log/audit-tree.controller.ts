import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_READ } from '../common/access/access-rules';
import { Authenticated } from '../common/access/authenticated.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { Page, PageOf } from '../common/pagination/page.dto';
import {
  AuditCheckpointDto,
  AuditConsistencyProofDto,
  AuditConsistencyProofQueryDto,
  AuditInclusionProofDto,
  AuditInclusionProofQueryDto,
  ListAuditCheckpointsQueryDto,
} from './dto/audit-tree.dto';
import { AuditTreeService } from './tree/audit-tree.service';

const AuditCheckpointPageDto = PageOf(AuditCheckpointDto, 'AuditCheckpointPage');

/**
 * The Merkle tree's checkpoints and proofs. Hashes and signed notes only, no event content, so
 * (like stats) these reads are not themselves recorded in the log.
 */
@ApiTags('audit')
@Controller({ path: 'audit', version: '1' })
export class AuditTreeController {
  constructor(private readonly tree: AuditTreeService) {}

  @Get('checkpoints/latest')
  @Authenticated(AUDIT_READ)
  @ApiOperation({
    operationId: 'getLatestAuditCheckpoint',
    summary: 'The newest signed checkpoint of the audit Merkle tree',
    description:
      'JSON with the parsed fields and the signed note text as published (`note`); verify `note` with `vkey` (C2SP signed-note).',
  })
  @ApiOkResponse({ type: AuditCheckpointDto })
  @ApiProblemResponses(HttpStatus.NOT_FOUND)
  latest(): Promise<AuditCheckpointDto> {
    return this.tree.latest();
  }

  @Get('checkpoints')
  @Authenticated(AUDIT_READ)
  @ApiOperation({
    operationId: 'listAuditCheckpoints',
    summary: 'Signed checkpoints, newest first',
  })
  @ApiOkResponse({ type: AuditCheckpointPageDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  list(@Query() query: ListAuditCheckpointsQueryDto): Promise<Page<AuditCheckpointDto>> {
    return this.tree.list(query);
  }

  @Get('events/:id/proof')
  @Authenticated(AUDIT_READ)
  @ApiOperation({
    operationId: 'getAuditInclusionProof',
    summary: 'Inclusion proof of one event in the tree of a given size',
    description:
      'RFC 9162 §2.1.3. `treeSize` defaults to the latest checkpoint. 404 for an unknown event; 422 when `treeSize` is beyond the tree or the event is not in that tree.',
  })
  @ApiOkResponse({ type: AuditInclusionProofDto })
  @ApiProblemResponses(
    HttpStatus.BAD_REQUEST,
    HttpStatus.NOT_FOUND,
    HttpStatus.UNPROCESSABLE_ENTITY,
  )
  inclusion(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AuditInclusionProofQueryDto,
  ): Promise<AuditInclusionProofDto> {
    return this.tree.inclusion(id, query.treeSize);
  }

  @Get('consistency')
  @Authenticated(AUDIT_READ)
  @ApiOperation({
    operationId: 'getAuditConsistencyProof',
    summary: 'Consistency proof between two tree sizes',
    description:
      'RFC 9162 §2.1.4: proves the tree of `to` extends the tree of `from`. 422 when from > to or `to` is beyond the tree.',
  })
  @ApiOkResponse({ type: AuditConsistencyProofDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.UNPROCESSABLE_ENTITY)
  consistency(@Query() query: AuditConsistencyProofQueryDto): Promise<AuditConsistencyProofDto> {
    return this.tree.consistency(query.from, query.to);
  }
}
