import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, MoreThan, Not } from 'typeorm';
import type { Role } from '../common/access/principal';
import { queryRows } from '../common/database/query-rows';
import { SessionEntity } from './entities/session.entity';

/** A session's user, as the guard needs it on every request. */
export interface SessionUserRow {
  user_id: string;
  email: string;
  display_name: string;
  roles: Role[];
  /** When the credential (session or API token) ends by itself; `null`: never. */
  expires_at: Date | null;
}

/** Where a session was last used from. */
export interface SessionClient {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The `auth_sessions` table's queries. Methods that take an `EntityManager` run in the caller's
 * transaction. Revoking only ever touches live sessions, so the first revocation's reason stays.
 */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A session used now, ending at the latest `absoluteTtlSeconds` from now. */
  async insert(
    manager: EntityManager,
    session: { id: string; userId: string; absoluteTtlSeconds: number } & SessionClient,
  ): Promise<void> {
    await manager.insert(SessionEntity, {
      id: session.id,
      userId: session.userId,
      lastUsedAt: () => 'now()',
      expiresAt: () => `now() + make_interval(secs => ${session.absoluteTtlSeconds})`,
      ip: session.ip,
      userAgent: session.userAgent,
    });
  }

  /** Records a use (a refresh) and the client it came from. */
  async touch(manager: EntityManager, id: string, client: SessionClient): Promise<void> {
    await manager.update(
      SessionEntity,
      { id },
      { lastUsedAt: () => 'now()', ip: client.ip, userAgent: client.userAgent },
    );
  }

  /** The session if it is `userId`'s, revoked or not. */
  findOwned(manager: EntityManager, id: string, userId: string): Promise<SessionEntity | null> {
    return manager.findOneBy(SessionEntity, { id, userId });
  }

  /** Not revoked and not past their absolute lifetime, newest first. */
  listLive(userId: string): Promise<SessionEntity[]> {
    return this.dataSource.manager.find(SessionEntity, {
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
  }

  async revoke(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.update(
      SessionEntity,
      { id, revokedAt: IsNull() },
      { revokedAt: () => 'now()', revokedReason: reason },
    );
  }

  /** Revokes the user's live sessions except `keepId`; returns how many. */
  async revokeAllOfUser(
    manager: EntityManager,
    userId: string,
    reason: string,
    keepId: string | null,
  ): Promise<number> {
    const result = await manager.update(
      SessionEntity,
      { userId, revokedAt: IsNull(), ...(keepId !== null ? { id: Not(keepId) } : {}) },
      { revokedAt: () => 'now()', revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** The user of a live session of a live user; `null` when any of that no longer holds. */
  async findLiveUser(id: string, userId: string): Promise<SessionUserRow | null> {
    const rows = await queryRows<SessionUserRow>(
      this.dataSource,
      `SELECT u.id AS user_id, u.email, u.display_name, u.roles, s.expires_at
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND u.id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.disabled_at IS NULL`,
      [id, userId],
    );
    return rows[0] ?? null;
  }
}
