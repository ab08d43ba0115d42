import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Scope } from '../common/access/principal';
import { ApiTokenEntity } from './entities/api-token.entity';
import type { SessionUserRow } from './sessions.repository';

/** A usable token with its owner, as the guard needs them on every request. */
export interface ApiTokenUserRow extends SessionUserRow {
  token_id: string;
  scopes: Scope[];
  /** Whether `last_used_at` is worth refreshing (older than a minute). */
  stale: boolean;
}

/** A new token's row; the value itself is never stored, only its SHA-256 and prefix. */
export interface NewApiTokenRow {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  tokenPrefix: string;
  scopes: Scope[];
  expiresAt: Date | null;
}

/** The `api_tokens` table's queries. Methods that take an `EntityManager` join its transaction. */
@Injectable()
export class ApiTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: NewApiTokenRow): Promise<void> {
    await manager.insert(ApiTokenEntity, row);
  }

  getById(manager: EntityManager, id: string): Promise<ApiTokenEntity> {
    return manager.findOneByOrFail(ApiTokenEntity, { id });
  }

  /** The token if it is `userId`'s, revoked or not. */
  findOwned(manager: EntityManager, id: string, userId: string): Promise<ApiTokenEntity | null> {
    return manager.findOneBy(ApiTokenEntity, { id, userId });
  }

  /** Not revoked (expired ones included, so people see them), newest first. */
  listUnrevoked(userId: string): Promise<ApiTokenEntity[]> {
    return this.dataSource.manager.find(ApiTokenEntity, {
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  async revoke(manager: EntityManager, id: string): Promise<void> {
    await manager.update(ApiTokenEntity, { id }, { revokedAt: () => 'now()' });
  }

  /** Revokes every live token of the user; returns how many. */
  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<number> {
    const result = await manager.update(
      ApiTokenEntity,
      { userId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    return result.affected ?? 0;
  }

  /** A token that is neither revoked nor expired, of a user who is not disabled. */
  async findUsable(tokenHash: string): Promise<ApiTokenUserRow | null> {
    const rows: ApiTokenUserRow[] = await this.dataSource.query(
      `SELECT t.id AS token_id, t.scopes, u.id AS user_id, u.email, u.display_name, u.roles,
              t.expires_at,
              (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async touchLastUsed(id: string): Promise<void> {
    await this.dataSource.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id]);
  }
}
