import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../auth/api-tokens.service';
import { Authenticated } from '../auth/decorators/authenticated.decorator';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { Page, PageOf } from '../common/pagination/page.dto';
import { ProblemException } from '../common/problem/problem.exception';
import { ListUsersQueryDto } from './dto/list-users.query.dto';
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

  @Get()
  @Authenticated({ roles: ['admin'] })
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
  @Authenticated({ roles: ['admin'] })
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change roles or disable/enable a user (admin)',
    description:
      'Applies to the user’s very next request. Disabling revokes all their sessions and API tokens. The last enabled admin cannot be demoted or disabled (409).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  async update(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
    @ReqContext() context: RequestContext,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.update(id, body, actorOf(principal), context));
  }
}
