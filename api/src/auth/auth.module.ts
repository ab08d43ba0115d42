import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { Env } from '../config/env.schema';
import { CredentialsModule } from '../credentials';
import { REDIS_CLIENT } from '../redis/redis.constants';
import { UsersModule } from '../users';
import { AccessTokenVerifier } from './access-token-verifier';
import { AccessTokensService } from './access-tokens.service';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthRepositoriesModule } from './auth-repositories.module';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtKeysService } from './jwt-keys.service';
import { PrincipalCacheModule } from './principal-cache/principal-cache.module';
import { PrincipalsService } from './principals.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { UserAccessRevocationModule } from './user-access-revocation.module';
import { AppThrottlerGuard } from './throttling/app-throttler.guard';
import { throttlerOptions } from './throttling/throttler-options';

/**
 * Sign-in, sessions, API tokens, and the two global guards every route passes through, in
 * this order: authentication/authorization (deny by default), then rate limiting.
 */
@Module({
  imports: [
    AuthRepositoriesModule,
    JwtModule.register({}),
    UsersModule,
    CredentialsModule,
    UserAccessRevocationModule,
    PrincipalCacheModule,
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS_CLIENT],
      useFactory: (config: ConfigService<Env, true>, redis: Redis) =>
        throttlerOptions(
          {
            QUEUE_PREFIX: config.get('QUEUE_PREFIX', { infer: true }),
            THROTTLE_TTL_SECONDS: config.get('THROTTLE_TTL_SECONDS', { infer: true }),
            THROTTLE_LIMIT: config.get('THROTTLE_LIMIT', { infer: true }),
            THROTTLE_LEASE_MAX: config.get('THROTTLE_LEASE_MAX', { infer: true }),
            THROTTLE_AUTH_TTL_SECONDS: config.get('THROTTLE_AUTH_TTL_SECONDS', { infer: true }),
            THROTTLE_AUTH_LIMIT_PER_IP: config.get('THROTTLE_AUTH_LIMIT_PER_IP', { infer: true }),
            THROTTLE_AUTH_LIMIT_PER_EMAIL: config.get('THROTTLE_AUTH_LIMIT_PER_EMAIL', {
              infer: true,
            }),
          },
          redis,
        ),
    }),
  ],
  controllers: [AuthController, SessionsController, ApiTokensController],
  providers: [
    JwtKeysService,
    AccessTokensService,
    PrincipalsService,
    AccessTokenVerifier,
    SessionsService,
    AuthService,
    ApiTokensService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: AppThrottlerGuard },
  ],
  exports: [AuthService, SessionsService, ApiTokensService, AccessTokensService],
})
export class AuthModule {}
