import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

/** A presented refresh value with its session, user and the timing facts a refresh decides on. */
export interface RefreshRow {
  refresh_id: string;
  session_id: string;
  user_id: string;
  spent_at: Date | null;
  spent_by_user_agent: string | null;
  idle_expired: boolean;
  in_grace: boolean;
  session_valid: boolean;
  expires_at: Date;
}

/** The `auth_refresh_tokens` table's queries; values are looked up by their SHA-256 only. */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, sessionId: string, tokenHash: string): Promise<void> {
    await manager.insert(RefreshTokenEntity, { id: randomUUID(), sessionId, tokenHash });
  }

  /**
   * The value and its session, row-locked: FOR UPDATE serialises concurrent refreshes of one
   * value, so exactly one spends it. Idle expiry and the reuse grace are judged by the database
   * clock, like the timestamps they compare.
   */
  async lockForRefresh(
    manager: EntityManager,
    tokenHash: string,
    ttl: { idleSeconds: number; reuseGraceSeconds: number },
  ): Promise<RefreshRow | null> {
    const rows: RefreshRow[] = await manager.query(
      `SELECT r.id AS refresh_id, r.session_id, s.user_id, r.spent_at, r.spent_by_user_agent,
              s.expires_at,
              r.issued_at + make_interval(secs => $2) < now() AS idle_expired,
              r.spent_at IS NOT NULL AND r.spent_at + make_interval(secs => $3) >= now() AS in_grace,
              (s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL) AS session_valid
         FROM auth_refresh_tokens r
         JOIN auth_sessions s ON s.id = r.session_id
         JOIN users u ON u.id = s.user_id
        WHERE r.token_hash = $1
        FOR UPDATE OF r, s`,
      [tokenHash, ttl.idleSeconds, ttl.reuseGraceSeconds],
    );
    return rows[0] ?? null;
  }

  async markSpent(manager: EntityManager, id: string, userAgent: string | null): Promise<void> {
    await manager.update(
      RefreshTokenEntity,
      { id },
      { spentAt: () => 'now()', spentByUserAgent: userAgent },
    );
  }

  /** The session a value (spent or not) belongs to. */
  async findSession(tokenHash: string): Promise<{ id: string; userId: string } | null> {
    const row = await this.dataSource.manager.findOne(RefreshTokenEntity, {
      where: { tokenHash },
      relations: { session: true },
    });
    return row?.session ? { id: row.session.id, userId: row.session.userId } : null;
  }
}
