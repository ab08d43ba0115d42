import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '../audit-log';
import { AuditLogService } from '../audit-log';
import { RequestContext } from '../common/http/request-context';
import { ProblemException } from '../common/problem/problem.exception';
import { Env } from '../config/env.schema';
import { UserEntity, UsersService } from '../users';
import { SessionEntity } from './entities/session.entity';
import { PrincipalInvalidations } from './principal-cache/principal-invalidations';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { randomSecret, sha256Hex } from './secret-tokens';
import { SessionsRepository } from './sessions.repository';

/** A refresh value to put in the cookie, and how long the cookie should live. */
export interface IssuedRefresh {
  sessionId: string;
  value: string;
  maxAgeSeconds: number;
}

export type RefreshOutcome =
  | { kind: 'rotated'; user: UserEntity; refresh: IssuedRefresh }
  | { kind: 'reuse'; sessionId: string; userId: string }
  | { kind: 'invalid' };

/**
 * Sessions are refresh-token families. Each refresh spends the presented value and issues a
 * new one; a spent value presented again revokes the family (ASVS V7), except within a short
 * grace window for the same client's concurrent refreshes.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersService,
    private readonly audit: AuditLogService,
    private readonly config: ConfigService<Env, true>,
    private readonly invalidations: PrincipalInvalidations,
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
    await this.sessions.insert(manager, {
      id: sessionId,
      userId,
      absoluteTtlSeconds: absolute,
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
      const row = await this.refreshTokens.lockForRefresh(manager, sha256Hex(value), {
        idleSeconds: this.idleTtl,
        reuseGraceSeconds: grace,
      });
      if (!row || !row.session_valid || row.idle_expired) return { kind: 'invalid' };
      const user = await this.users.getById(manager, row.user_id);
      const actor: AuditActor = { type: 'user', id: user.id, display: user.email };

      if (row.spent_at !== null) {
        const sameClient = row.spent_by_user_agent === context.userAgent;
        if (!(row.in_grace && sameClient)) {
          await this.sessions.revoke(manager, row.session_id, 'refresh_reuse');
          await this.audit.record(manager, {
            action: 'auth.refresh.reuse_detected',
            actor,
            target: { type: 'session', id: row.session_id },
            outcome: 'failure',
            context,
          });
          return { kind: 'reuse', sessionId: row.session_id, userId: row.user_id };
        }
      } else {
        await this.refreshTokens.markSpent(manager, row.refresh_id, context.userAgent);
      }
      const next = await this.addRefreshValue(manager, row.session_id);
      await this.sessions.touch(manager, row.session_id, context);
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
    if (outcome.kind === 'reuse') await this.invalidations.announce(outcome.userId);
    return outcome;
  }

  /** The session a refresh value (spent or not) belongs to, for logout. */
  sessionOfRefreshValue(value: string): Promise<{ id: string; userId: string } | null> {
    return this.refreshTokens.findSession(sha256Hex(value));
  }

  listActive(userId: string): Promise<SessionEntity[]> {
    return this.sessions.listLive(userId);
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
      const session = await this.sessions.findOwned(manager, sessionId, userId);
      if (!session) {
        throw new ProblemException({ status: HttpStatus.NOT_FOUND, detail: 'No such session.' });
      }
      if (session.revokedAt !== null) return;
      await this.sessions.revoke(
        manager,
        sessionId,
        action === 'auth.logout' ? 'logout' : 'revoked',
      );
      await this.audit.record(manager, {
        action,
        actor,
        target: { type: 'session', id: sessionId },
        outcome: 'success',
        context,
      });
    });
    await this.invalidations.announce(userId);
  }

  private async addRefreshValue(manager: EntityManager, sessionId: string): Promise<string> {
    const value = randomSecret();
    await this.refreshTokens.insert(manager, sessionId, sha256Hex(value));
    return value;
  }
}
