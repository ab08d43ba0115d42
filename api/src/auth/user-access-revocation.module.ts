import { Global, Module } from '@nestjs/common';
import { UserAccessRevoker } from '../users';
import { AuthRepositoriesModule } from './auth-repositories.module';
import { PrincipalCacheModule } from './principal-cache/principal-cache.module';
import { UserAccessRevocation } from './user-access-revocation';

/**
 * Makes auth's revocation available to users under users' own port. Global because users is
 * imported by auth (never the reverse), so users cannot import the module that implements it.
 */
@Global()
@Module({
  imports: [AuthRepositoriesModule, PrincipalCacheModule],
  providers: [{ provide: UserAccessRevoker, useClass: UserAccessRevocation }],
  exports: [UserAccessRevoker],
})
export class UserAccessRevocationModule {}
