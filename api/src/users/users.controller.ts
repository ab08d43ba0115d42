import {
  Body,
  Controller,
  Get,
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
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { auditActorOf } from '../common/access/audit-actor';
import { Authenticated } from '../common/access/authenticated.decorator';
import { ADMIN_ONLY } from '../common/access/access-rules';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { StrictThrottle } from '../common/throttling/strict-throttle.decorator';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { Page, PageOf } from '../common/pagination/page.dto';
import { ProblemException } from '../common/problem/problem.exception';
import { ChangePasswordDto } from './dto/change-password.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users.query.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { UsersService } from './users.service';

const UserPageDto = PageOf(UserDto, 'UserPage');

@ApiTags('users')
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Authenticated()
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserDto> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new ProblemException({ status: HttpStatus.UNAUTHORIZED });
    return UserDto.from(user);
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({
    operationId: 'updateMe',
    summary: 'Change my display name',
    description: 'Records `user.updated` when the name actually changes.',
  })
  @ApiJsonBody(UpdateMeDto, {
    rename: { summary: 'A new display name', value: { displayName: 'Ann Example-Smith' } },
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async updateMe(
    @Body() body: UpdateMeDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<UserDto> {
    return UserDto.from(
      await this.users.updateProfile(principal.userId, body, auditActorOf(principal), context),
    );
  }

  @Post('me/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @StrictThrottle()
  @ApiOperation({
    operationId: 'changeMyPassword',
    summary: 'Change my password; my other sessions are signed out',
    description:
      'A wrong `currentPassword` is a 400 `validation-error` naming `currentPassword` in `errors` (not a 401: the caller is signed in, and the session stays valid). `newPassword` must pass the password policy (400 naming `newPassword`). On success every other session of mine is revoked at once; this one stays signed in. API tokens are not affected. Rate limited like sign-in (per IP).',
  })
  @ApiJsonBody(ChangePasswordDto, {
    change: {
      summary: 'The current password and a new one',
      value: {
        currentPassword: 'violet-anchor-tangerine-42',
        newPassword: 'amber-harbour-lantern-97',
      },
    },
  })
  @ApiNoContentResponse({ description: 'Changed; other sessions revoked.' })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  async changeMyPassword(
    @Body() body: ChangePasswordDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<void> {
    await this.users.changePassword(
      { userId: principal.userId, keepSessionId: principal.sessionId },
      body,
      auditActorOf(principal),
      context,
    );
  }

  @Post()
  @Authenticated(ADMIN_ONLY)
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create a user with roles and an initial password (admin)',
    description:
      'The password policy of registration applies (400 naming `password`). The email is stored lower-cased; one already taken, in any case, is a 409 `email-taken`. Answers 201 with `Location`. Records `user.created`.',
  })
  @ApiJsonBody(CreateUserDto, {
    auditor: {
      summary: 'An auditor account with an initial password',
      value: {
        email: 'bob@example.com',
        displayName: 'Bob Example',
        roles: ['auditor'],
        password: 'amber-harbour-lantern-97',
      },
    },
  })
  @ApiCreatedResponse({
    type: UserDto,
    headers: {
      Location: { description: 'The new user’s URL.', schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  async create(
    @Body() body: CreateUserDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserDto> {
    const user = await this.users.createByAdmin(body, auditActorOf(principal), context);
    reply.header('Location', `/api/v1/users/${user.id}`);
    return UserDto.from(user);
  }

  @Get()
  @Authenticated(ADMIN_ONLY)
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'All users, newest first (admin)',
    description: 'Cursor-paginated; `email` filters by a part of the address.',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST)
  async list(@Query() query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const page = await this.users.list(query);
    return { items: page.items.map((user) => UserDto.from(user)), nextCursor: page.nextCursor };
  }

  @Patch(':id')
  @Authenticated(ADMIN_ONLY)
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change roles or disable/enable a user (admin)',
    description:
      'Applies to the user’s next request on the replica that serves this call and within a second on every other (see docs/auth.md, Freshness). Disabling revokes all their sessions and API tokens. The last enabled admin cannot be demoted or disabled (409).',
  })
  @ApiJsonBody(UpdateUserDto, {
    promote: { summary: 'Make an employee an admin too', value: { roles: ['employee', 'admin'] } },
    disable: { summary: 'Disable the account', value: { disabled: true } },
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  async update(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.update(id, body, auditActorOf(principal), context));
  }
}
