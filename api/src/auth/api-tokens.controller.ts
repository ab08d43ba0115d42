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
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { ApiTokensService } from './api-tokens.service';
import { Authenticated } from '../common/access/authenticated.decorator';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import { ApiTokenDto, CreateApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';
import { ApiTokenEntity } from './entities/api-token.entity';
import type { Principal } from '../common/access/principal';

function toDto(token: ApiTokenEntity): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.tokenPrefix,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

/** Personal API tokens. Managing them needs a signed-in session (no token can mint tokens). */
@ApiTags('auth')
@Controller({ path: 'auth/tokens', version: '1' })
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @Authenticated()
  // The answer holds the token's only copy in clear: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'createApiToken',
    summary: 'Create a personal API token (its value is shown only in this response)',
  })
  @ApiJsonBody(CreateApiTokenDto, {
    ci: {
      summary: 'A read-only token for CI, expiring',
      value: { name: 'CI pipeline', scopes: ['tasks:read'], expiresAt: '2030-12-31T23:59:59.000Z' },
    },
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async create(
    @Body() body: CreateApiTokenDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<CreatedApiTokenDto> {
    const { entity, value } = await this.tokens.create(principal, body, context);
    return { ...toDto(entity), token: value };
  }

  @Get()
  @Authenticated()
  @ApiOperation({ operationId: 'listApiTokens', summary: 'My active API tokens (no values)' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenDto[]> {
    return (await this.tokens.list(principal.userId)).map(toDto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({ operationId: 'revokeApiToken', summary: 'Revoke one of my API tokens' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async revoke(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<void> {
    await this.tokens.revoke(id, principal, context);
  }
}
