import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import type { AuditActor } from '../audit-log';
import { AuditLogService } from '../audit-log';
import { RequestContext } from '../common/http/request-context';
import { ProblemException } from '../common/problem/problem.exception';
import { Env } from '../config/env.schema';
import { UserEntity } from '../users';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { SessionEntity } from './entities/session.entity';
import { randomSecret, sha256Hex } from './secret-tokens';

/** A refresh value to put in the cookie, and how long the cookie should live. */
export interface IssuedRefresh {
  sessionId: string;
  value: string;
  maxAgeSeconds: number;
}

export type RefreshOutcome =
  | { kind: 'rotated'; user: UserEntity; refresh: IssuedRefresh }
  | { kind: 'reuse'; sessionId: string }
  | { kind: 'invalid' };

interface RefreshRow {
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

/**
 * Sessions are refresh-token families. Each refresh spends the presented value and issues a
 * new one; a spent value presented again revokes the family (ASVS V7), except within a short
 * grace window for the same client's concurrent refreshes.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  private get idleTtl(): number {
    return this.config.get('SESSION_IDLE_TTL_SECONDS', { infer: true });
  }

  /** Starts a session for `userId` inside the caller's transaction. */
  async start(
    manager: EntityManager,
    userId: string,
    context: RequestContext,
  ): Promise<IssuedRefresh> {
    const absolute = this.config.get('SESSION_ABSOLUTE_TTL_SECONDS', { infer: true });
    const sessionId = randomUUID();
    await manager.insert(SessionEntity, {
      id: sessionId,
      userId,
      lastUsedAt: () => 'now()',
      expiresAt: () => `now() + make_interval(secs => ${absolute})`,
      ip: context.ip,
      userAgent: context.userAgent,
    });
    const value = await this.addRefreshValue(manager, sessionId);
    return { sessionId, value, maxAgeSeconds: Math.min(this.idleTtl, absolute) };
  }

  /** Exchanges a refresh value for a new one (see class comment). */
  async refresh(value: string, context: RequestContext): Promise<RefreshOutcome> {
    const grace = this.config.get('REFRESH_REUSE_GRACE_SECONDS', { infer: true });
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      // FOR UPDATE serialises concurrent refreshes of one value, so exactly one spends it.
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
        [sha256Hex(value), this.idleTtl, grace],
      );
      const row = rows[0];
      if (!row || !row.session_valid || row.idle_expired) return { kind: 'invalid' };
      const user = await manager.findOneByOrFail(UserEntity, { id: row.user_id });
      const actor: AuditActor = { type: 'user', id: user.id, display: user.email };

      if (row.spent_at !== null) {
        const sameClient = row.spent_by_user_agent === context.userAgent;
        if (!(row.in_grace && sameClient)) {
          await this.revokeIn(manager, row.session_id, 'refresh_reuse');
          await this.audit.record(manager, {
            action: 'auth.refresh.reuse_detected',
            actor,
            target: { type: 'session', id: row.session_id },
            outcome: 'failure',
            context,
          });
          return { kind: 'reuse', sessionId: row.session_id };
        }
      } else {
        await manager.update(
          RefreshTokenEntity,
          { id: row.refresh_id },
          { spentAt: () => 'now()', spentByUserAgent: context.userAgent },
        );
      }
      const next = await this.addRefreshValue(manager, row.session_id);
      await manager.update(
        SessionEntity,
        { id: row.session_id },
        { lastUsedAt: () => 'now()', ip: context.ip, userAgent: context.userAgent },
      );
      await this.audit.record(manager, {
        action: 'auth.refresh',
        actor,
        target: { type: 'session', id: row.session_id },
        outcome: 'success',
        context,
      });
      const remaining = Math.floor((row.expires_at.getTime() - Date.now()) / 1000);
      return {
        kind: 'rotated',
        user,
        refresh: {
          sessionId: row.session_id,
          value: next,
          maxAgeSeconds: Math.max(0, Math.min(this.idleTtl, remaining)),
        },
      };
    });
    return outcome;
  }

  /** The session a refresh value (spent or not) belongs to, for logout. */
  async sessionOfRefreshValue(value: string): Promise<{ id: string; userId: string } | null> {
    const row = await this.dataSource.manager.findOne(RefreshTokenEntity, {
      where: { tokenHash: sha256Hex(value) },
      relations: { session: true },
    });
    return row?.session ? { id: row.session.id, userId: row.session.userId } : null;
  }

  listActive(userId: string): Promise<SessionEntity[]> {
    return this.dataSource.manager.find(SessionEntity, {
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
  }

  /**
   * Revokes one of `userId`'s sessions and audits it as `action`. 404 when the session is not
   * theirs (so ids cannot be probed); revoking an already revoked session is a no-op.
   */
  async revoke(
    sessionId: string,
    userId: string,
    action: 'auth.logout' | 'auth.session.revoked',
    actor: AuditActor,
    context: RequestContext,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.findOneBy(SessionEntity, { id: sessionId, userId });
      if (!session) {
        throw new ProblemException({ status: HttpStatus.NOT_FOUND, detail: 'No such session.' });
      }
      if (session.revokedAt !== null) return;
      await this.revokeIn(manager, sessionId, action === 'auth.logout' ? 'logout' : 'revoked');
      await this.audit.record(manager, {
        action,
        actor,
        target: { type: 'session', id: sessionId },
        outcome: 'success',
        context,
      });
    });
  }

  private async revokeIn(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.update(
      SessionEntity,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: () => 'now()', revokedReason: reason },
    );
  }

  private async addRefreshValue(manager: EntityManager, sessionId: string): Promise<string> {
    const value = randomSecret();
    await manager.insert(RefreshTokenEntity, {
      id: randomUUID(),
      sessionId,
      tokenHash: sha256Hex(value),
    });
    return value;
  }
}
