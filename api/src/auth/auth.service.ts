import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit-log';
import { RequestContext } from '../common/http/request-context';
import { ProblemException } from '../common/problem/problem.exception';
import { Env } from '../config/env.schema';
import { EMAIL_MAX_LENGTH, normalizeEmail, PasswordHasherService } from '../credentials';
import { UserEntity, UsersService } from '../users';
import { AccessTokensService } from './access-tokens.service';
import { INVALID_LOGIN_DETAIL, unauthorized } from './auth-errors';
import { IssuedRefresh, SessionsService } from './sessions.service';
import { randomSecret } from './secret-tokens';

/** What a successful register, login or refresh yields; the controller sets the cookie. */
export interface SignedIn {
  user: UserEntity;
  accessToken: string;
  expiresIn: number;
  refresh: IssuedRefresh;
}

@Injectable()
export class AuthService implements OnModuleInit {
  /** Verified when the email is unknown, so both failures cost one argon2 verification. */
  private dummyHash!: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokensService,
    private readonly audit: AuditLogService,
    private readonly config: ConfigService<Env, true>,
    private readonly hasher: PasswordHasherService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.hasher.hash(randomSecret());
  }

  async register(
    input: { email: string; password: string; displayName: string },
    context: RequestContext,
  ): Promise<SignedIn> {
    if (!this.config.get('REGISTRATION_OPEN', { infer: true })) {
      throw new ProblemException({
        status: HttpStatus.FORBIDDEN,
        slug: 'registration-closed',
        title: 'Registration is closed',
        detail: 'Ask an administrator for an account.',
      });
    }
    this.hasher.refuseIfSaturated();
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.create(
        manager,
        { ...input, roles: ['employee'] },
        { action: 'auth.registered', actor: null, context },
      );
      const refresh = await this.sessions.start(manager, user.id, context);
      return this.signedIn(user, refresh);
    });
  }

  /**
   * Wrong email, wrong password and disabled account give the same 401 after the same work
   * (one argon2 verification), so responses do not reveal which accounts exist. A hash made
   * with older parameters is replaced while the password is at hand.
   */
  async login(email: string, password: string, context: RequestContext): Promise<SignedIn> {
    this.hasher.refuseIfSaturated();
    const user = await this.users.findForLogin(email);
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? this.dummyHash, password);
    if (!user || !passwordOk || user.disabledAt !== null) {
      await this.audit.record(this.dataSource.manager, {
        action: 'auth.login.failed',
        actor: {
          type: 'user',
          id: user?.id ?? null,
          display: normalizeEmail(email).slice(0, EMAIL_MAX_LENGTH),
        },
        target: { type: 'user', id: user?.id ?? null },
        outcome: 'failure',
        context,
      });
      throw unauthorized(INVALID_LOGIN_DETAIL);
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.upgradePasswordHash(user.id, user.passwordHash, password);
    }
    return this.dataSource.transaction(async (manager) => {
      const refresh = await this.sessions.start(manager, user.id, context);
      await this.audit.record(manager, {
        action: 'auth.login.succeeded',
        actor: { type: 'user', id: user.id, display: user.email },
        target: { type: 'session', id: refresh.sessionId },
        outcome: 'success',
        context,
      });
      return this.signedIn(user, refresh);
    });
  }

  async refresh(value: string | undefined, context: RequestContext): Promise<SignedIn> {
    if (!value) throw unauthorized('No refresh cookie.');
    const outcome = await this.sessions.refresh(value, context);
    if (outcome.kind === 'rotated') return this.signedIn(outcome.user, outcome.refresh);
    if (outcome.kind === 'reuse') {
      throw unauthorized('This refresh token was already used; the session has been revoked.');
    }
    throw unauthorized('The refresh token is invalid or expired.');
  }

  /** Revokes the cookie's session; idempotent, and silent about unknown values. */
  async logout(value: string | undefined, context: RequestContext): Promise<void> {
    if (!value) return;
    const session = await this.sessions.sessionOfRefreshValue(value);
    if (!session) return;
    const user = await this.users.findById(session.userId);
    await this.sessions.revoke(
      session.id,
      session.userId,
      'auth.logout',
      { type: 'user', id: session.userId, display: user?.email ?? session.userId },
      context,
    );
  }

  private signedIn(user: UserEntity, refresh: IssuedRefresh): SignedIn {
    return {
      user,
      accessToken: this.accessTokens.issue(user.id, refresh.sessionId),
      expiresIn: this.accessTokens.ttlSeconds,
      refresh,
    };
  }
}
