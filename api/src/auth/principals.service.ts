import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/access/principal';
import { AccessTokenVerifier } from './access-token-verifier';
import { ApiTokensRepository } from './api-tokens.repository';
import { PrincipalInvalidations } from './principal-cache/principal-invalidations';
import { scopesAllowedFor } from './scopes';
import { sha256Hex } from './secret-tokens';
import { SessionsRepository } from './sessions.repository';

/**
 * Turns verified credentials into a `Principal`, from the user, session and token rows in the
 * database, or from this process's principal cache for at most `PRINCIPAL_CACHE_TTL_MS`.
 * Changes to access evict it here at once and on other replicas through Redis, so a disabled
 * user, a role change, a revoked session or token takes effect on the next request on the
 * replica that made it and within a second everywhere (docs/auth.md, "Freshness").
 */
@Injectable()
export class PrincipalsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly tokens: ApiTokensRepository,
    private readonly accessTokens: AccessTokenVerifier,
    private readonly invalidations: PrincipalInvalidations,
  ) {}

  /** For a presented access token (a JWT); `null` when it fails verification or its session. */
  async forAccessToken(token: string): Promise<Principal | null> {
    const claims = this.accessTokens.verify(token);
    return claims ? this.forSession(claims.sub, claims.sid) : null;
  }

  /** For a verified access token's claims; `null` when the session or user is no longer valid. */
  async forSession(userId: string, sessionId: string): Promise<Principal | null> {
    // Keyed by both: a token's `sub` is checked against the session's owner.
    const key = `s:${sessionId}:${userId}`;
    const cached = this.lookup(key);
    if (cached) return cached;
    const begun = this.invalidations.cache.begin();
    const row = await this.sessions.findLiveUser(sessionId, userId);
    if (!row) return null;
    const principal: Principal = {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      roles: row.roles,
      via: 'session',
      sessionId,
      tokenId: null,
      scopes: null,
    };
    this.invalidations.cache.set(key, principal, begun, row.expires_at);
    return principal;
  }

  /** For a presented `tt_` token; `null` when unknown, expired, revoked or its owner disabled. */
  async forApiToken(value: string): Promise<Principal | null> {
    const hash = sha256Hex(value);
    const key = `t:${hash}`;
    const cached = this.lookup(key);
    if (cached) return cached;
    const begun = this.invalidations.cache.begin();
    const row = await this.tokens.findUsable(hash);
    if (!row) return null;
    // Last-used is informational: minute precision spares a write on every request (and a
    // cache hit, at most a second old, spares the read).
    if (row.stale) await this.tokens.touchLastUsed(row.token_id);
    const allowed = scopesAllowedFor(row.roles);
    const principal: Principal = {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      roles: row.roles,
      via: 'apiToken',
      sessionId: null,
      tokenId: row.token_id,
      scopes: row.scopes.filter((scope) => allowed.includes(scope)),
    };
    this.invalidations.cache.set(key, principal, begun, row.expires_at);
    return principal;
  }

  private lookup(key: string): Principal | undefined {
    const { result, principal } = this.invalidations.cache.get(key);
    this.invalidations.count(result);
    return principal;
  }
}
