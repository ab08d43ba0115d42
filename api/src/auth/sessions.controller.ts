import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { auditActorOf } from '../common/access/audit-actor';
import { Authenticated } from '../common/access/authenticated.decorator';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import { SessionDto } from './dto/session.dto';
import type { Principal } from '../common/access/principal';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller({ path: 'auth/sessions', version: '1' })
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listSessions', summary: 'My active sessions' })
  @ApiOkResponse({ type: [SessionDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<SessionDto[]> {
    const sessions = await this.sessions.listActive(principal.userId);
    return sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === principal.sessionId,
    }));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({
    operationId: 'revokeSession',
    summary: 'Sign one of my sessions out (its tokens stop working at once)',
  })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async revoke(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<void> {
    await this.sessions.revoke(
      id,
      principal.userId,
      'auth.session.revoked',
      auditActorOf(principal),
      context,
    );
  }
}
