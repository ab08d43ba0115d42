import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/access/principal';
import { AccessTokenVerifier } from './access-token-verifier';
import { ApiTokensRepository } from './api-tokens.repository';
import { scopesAllowedFor } from './scopes';
import { sha256Hex } from './secret-tokens';
import { SessionsRepository } from './sessions.repository';

/**
 * Turns verified credentials into a `Principal`, reading the user, session and token from the
 * database on every request: a disabled user, a role change, a revoked session or token takes
 * effect on the very next request, and no replica holds state another one lacks.
 */
@Injectable()
export class PrincipalsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly accessTokens: AccessTokenVerifier,
  ) {}

  /** For a presented access token (a JWT); `null` when it fails verification or its session. */
  async forAccessToken(token: string): Promise<Principal | null> {
    const claims = this.accessTokens.verify(token);
    return claims ? this.forSession(claims.sub, claims.sid) : null;
  }

  /** For a verified access token's claims; `null` when the session or user is no longer valid. */
  async forSession(userId: string, sessionId: string): Promise<Principal | null> {
    const row = await this.sessions.findLiveUser(sessionId, userId);
    if (!row) return null;
    return {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      roles: row.roles,
      via: 'session',
      sessionId,
      tokenId: null,
      scopes: null,
    };
  }

  /** For a presented `tt_` token; `null` when unknown, expired, revoked or its owner disabled. */
  async forApiToken(value: string): Promise<Principal | null> {
    const row = await this.tokens.findUsable(sha256Hex(value));
    if (!row) return null;
    // Last-used is informational: minute precision spares a write on every request.
    if (row.stale) await this.tokens.touchLastUsed(row.token_id);
    const allowed = scopesAllowedFor(row.roles);
    return {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      roles: row.roles,
      via: 'apiToken',
      sessionId: null,
      tokenId: row.token_id,
      scopes: row.scopes.filter((scope) => allowed.includes(scope)),
    };
  }
}
