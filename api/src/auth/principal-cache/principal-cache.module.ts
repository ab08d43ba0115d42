import { Module } from '@nestjs/common';
import { PrincipalInvalidations } from './principal-invalidations';

/**
 * One principal cache per process, shared by the guard's lookups (auth module) and by the
 * revocations users asks for (the global revocation module), so both see the same entries.
 */
@Module({
  providers: [PrincipalInvalidations],
  exports: [PrincipalInvalidations],
})
export class PrincipalCacheModule {}
