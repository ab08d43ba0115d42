import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiJsonBody } from '../common/openapi/api-json-body.decorator';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses.decorator';
import { ReqContext, RequestContext } from '../common/http/request-context';
import { Env } from '../config/env.schema';
import { UserDto } from '../users';
import { AuthService, SignedIn } from './auth.service';
import { Public } from '../common/access/public.decorator';
import { AuthResultDto } from './dto/auth-result.dto';
import { JwksDto } from './dto/jwks.dto';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { JwtKeysService } from './jwt-keys.service';
import {
  assertAllowedOrigin,
  clearRefreshCookie,
  REFRESH_COOKIE,
  refreshCookieOf,
  setRefreshCookie,
} from './refresh-cookie';
import { StrictThrottle } from '../common/throttling/strict-throttle.decorator';

const COOKIE_NOTE = `Sets the HttpOnly \`${REFRESH_COOKIE}\` refresh cookie (Path=/api/v1/auth, SameSite=Strict).`;

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly keys: JwtKeysService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  @Post('register')
  @Public()
  @StrictThrottle()
  @ApiOperation({
    operationId: 'register',
    summary: 'Create an account (employee) and sign in',
    description: `Only while REGISTRATION_OPEN. ${COOKIE_NOTE}`,
  })
  @ApiJsonBody(RegisterDto, {
    employee: {
      summary: 'A new employee account',
      value: {
        email: 'ann@example.com',
        password: 'violet-anchor-tangerine-42',
        displayName: 'Ann Example',
      },
    },
  })
  @ApiCreatedResponse({ type: AuthResultDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN, HttpStatus.CONFLICT)
  async register(
    @Body() body: RegisterDto,
    @ReqContext() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AuthResultDto> {
    return this.respond(await this.auth.register(body, context), request, response);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Public()
  @StrictThrottle()
  @ApiOperation({
    operationId: 'login',
    summary: 'Sign in with email and password',
    description: `Any failure is the same 401. ${COOKIE_NOTE}`,
  })
  @ApiJsonBody(LoginDto, {
    password: {
      summary: 'Email and password',
      value: { email: 'ann@example.com', password: 'violet-anchor-tangerine-42' },
    },
  })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblemResponses(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED)
  async login(
    @Body() body: LoginDto,
    @ReqContext() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AuthResultDto> {
    return this.respond(
      await this.auth.login(body.email, body.password, context),
      request,
      response,
    );
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Public()
  @StrictThrottle()
  @ApiOperation({
    operationId: 'refreshSession',
    summary: 'Exchange the refresh cookie for a new access token and a new cookie',
    description:
      'The presented refresh value is spent. Presenting a spent value again revokes the whole session. ' +
      COOKIE_NOTE,
  })
  @ApiOkResponse({ type: AuthResultDto })
  @ApiProblemResponses(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN)
  async refresh(
    @ReqContext() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AuthResultDto> {
    assertAllowedOrigin(request, this.config.get('CORS_ORIGINS', { infer: true }));
    return this.respond(
      await this.auth.refresh(refreshCookieOf(request), context),
      request,
      response,
    );
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Public()
  @ApiOperation({
    operationId: 'logout',
    summary: 'Sign out: revoke the session of the refresh cookie and clear it',
  })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session).' })
  @ApiProblemResponses(HttpStatus.FORBIDDEN)
  async logout(
    @ReqContext() context: RequestContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<void> {
    assertAllowedOrigin(request, this.config.get('CORS_ORIGINS', { infer: true }));
    await this.auth.logout(refreshCookieOf(request), context);
    clearRefreshCookie(request, response, this.secureCookies);
  }

  @Get('jwks.json')
  @Public()
  @ApiOperation({
    operationId: 'getJwks',
    summary: 'Public keys that verify access tokens (JWKS)',
  })
  @ApiOkResponse({ type: JwksDto })
  jwks(): JwksDto {
    return this.keys.jwks();
  }

  private get secureCookies(): boolean {
    return this.config.get('REFRESH_COOKIE_SECURE', { infer: true });
  }

  private respond(
    signedIn: SignedIn,
    request: FastifyRequest,
    response: FastifyReply,
  ): AuthResultDto {
    setRefreshCookie(
      request,
      response,
      signedIn.refresh.value,
      signedIn.refresh.maxAgeSeconds,
      this.secureCookies,
    );
    response.header('Cache-Control', 'no-store');
    return {
      user: UserDto.from(signedIn.user),
      accessToken: signedIn.accessToken,
      tokenType: 'Bearer',
      expiresIn: signedIn.expiresIn,
    };
  }
}
