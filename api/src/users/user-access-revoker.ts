import type { EntityManager } from 'typeorm';

/** Why a user's sessions end without them signing out. */
export type RevocationReason = 'password_changed' | 'user_disabled';

/**
 * What users asks of auth, which owns sessions and API tokens: end a user's access inside the
 * caller's transaction, so the change that requires it and the revocation commit together.
 * Auth provides the implementation (dependency inversion keeps users from importing auth).
 */
export abstract class UserAccessRevoker {
  /** Revokes the user's live sessions except `keepSessionId`; returns how many. */
  abstract revokeSessions(
    manager: EntityManager,
    userId: string,
    reason: RevocationReason,
    keepSessionId?: string | null,
  ): Promise<number>;

  /** Revokes every live API token of the user; returns how many. */
  abstract revokeApiTokens(manager: EntityManager, userId: string): Promise<number>;

  /**
   * Call AFTER the transaction committed: the user's roles, account, sessions or name changed, so
   * auth's cached principals of the user are stale (docs/auth.md, "Freshness"). Never throws.
   */
  abstract accessChanged(userId: string): Promise<void>;
}
