import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal, Role, Scope } from '../common/access/principal';
import { scopesAllowedFor } from './scopes';
import { sha256Hex } from './secret-tokens';

interface SessionRow {
  user_id: string;
  email: string;
  display_name: string;
  roles: Role[];
}

interface ApiTokenRow extends SessionRow {
  token_id: string;
  scopes: Scope[];
  stale: boolean;
}

/**
 * Turns verified credentials into a `Principal`, reading the user, session and token from the
 * database on every request: a disabled user, a role change, a revoked session or token takes
 * effect on the very next request, and no replica holds state another one lacks.
 */
@Injectable()
export class PrincipalsService {
  constructor(private readonly dataSource: DataSource) {}

  /** For a verified access token's claims; `null` when the session or user is no longer valid. */
  async forSession(userId: string, sessionId: string): Promise<Principal | null> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.email, u.display_name, u.roles
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.disabled_at IS NULL`,
      [sessionId, userId],
    );
    const row = rows[0];
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
    const rows: ApiTokenRow[] = await this.dataSource.query(
      `SELECT t.id AS token_id, t.scopes, u.id AS user_id, u.email, u.display_name, u.roles,
              (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
      [sha256Hex(value)],
    );
    const row = rows[0];
    if (!row) return null;
    // Last-used is informational: minute precision spares a write on every request.
    if (row.stale) {
      await this.dataSource.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [
        row.token_id,
      ]);
    }
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
