import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { RevocationReason, UserAccessRevoker } from '../users';
import { ApiTokenEntity } from './entities/api-token.entity';
import { SessionEntity } from './entities/session.entity';

/** Auth's side of "end this user's access": the sessions and tokens it owns. */
@Injectable()
export class UserAccessRevocation extends UserAccessRevoker {
  async revokeSessions(
    manager: EntityManager,
    userId: string,
    reason: RevocationReason,
    keepSessionId: string | null = null,
  ): Promise<number> {
    const result = await manager.update(
      SessionEntity,
      {
        userId,
        revokedAt: IsNull(),
        ...(keepSessionId !== null ? { id: Not(keepSessionId) } : {}),
      },
      { revokedAt: () => 'now()', revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  async revokeApiTokens(manager: EntityManager, userId: string): Promise<number> {
    const result = await manager.update(
      ApiTokenEntity,
      { userId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return result.affected ?? 0;
  }
}
