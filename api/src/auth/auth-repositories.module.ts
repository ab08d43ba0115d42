import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokenEntity } from './entities/api-token.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { SessionEntity } from './entities/session.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsRepository } from './sessions.repository';

const REPOSITORIES = [SessionsRepository, RefreshTokensRepository, ApiTokensRepository];

/**
 * Auth's tables and their queries, in a module of their own because two modules use them: the
 * auth module, and the global revocation module users reaches without importing auth.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity, RefreshTokenEntity, ApiTokenEntity])],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class AuthRepositoriesModule {}
