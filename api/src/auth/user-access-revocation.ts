import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RevocationReason, UserAccessRevoker } from '../users';
import { ApiTokensRepository } from './api-tokens.repository';
import { PrincipalInvalidations } from './principal-cache/principal-invalidations';
import { SessionsRepository } from './sessions.repository';

/** Auth's side of "end this user's access": the sessions and tokens it owns. */
@Injectable()
export class UserAccessRevocation extends UserAccessRevoker {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly invalidations: PrincipalInvalidations,
  ) {
    super();
  }

  revokeSessions(
    manager: EntityManager,
    userId: string,
    reason: RevocationReason,
    keepSessionId: string | null = null,
  ): Promise<number> {
    return this.sessions.revokeAllOfUser(manager, userId, reason, keepSessionId);
  }

  revokeApiTokens(manager: EntityManager, userId: string): Promise<number> {
    return this.tokens.revokeAllOfUser(manager, userId);
  }

  accessChanged(userId: string): Promise<void> {
    return this.invalidations.announce(userId);
  }
}
