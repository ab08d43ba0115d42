import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '../audit-log';
import { AuditLogService } from '../audit-log';
import type { Role } from '../common/access/principal';
import { RequestContext } from '../common/http/request-context';
import {
  CURSOR_KEYS,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
} from '../common/pagination/cursor';
import { Page } from '../common/pagination/page.dto';
import { ProblemException } from '../common/problem/problem.exception';
import { VALIDATION_PROBLEM_SLUG } from '../common/problem/problem-types';
import { invalidFields } from '../common/problem/validation-errors';
import { normalizeEmail, PasswordHasherService, passwordProblem } from '../credentials';
import { USERS_PAGE } from './dto/list-users.query.dto';
import { UserAccessRevoker } from './user-access-revoker';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  roles: Role[];
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditLogService,
    private readonly hasher: PasswordHasherService,
    private readonly revoker: UserAccessRevoker,
  ) {}

  /**
   * Creates a user inside `manager`'s transaction and records `action` (`user.created`,
   * `auth.registered`). Refuses weak passwords (400) and taken emails (409).
   */
  async create(
    manager: EntityManager,
    input: NewUser,
    audit: { action: string; actor: AuditActor | null; context: RequestContext },
  ): Promise<UserEntity> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) {
      throw new ProblemException({
        status: HttpStatus.BAD_REQUEST,
        slug: VALIDATION_PROBLEM_SLUG,
        title: 'Your request is not valid',
        detail: '1 field failed validation',
        errors: [{ path: 'password', message: problem }],
      });
    }
    const passwordHash = await this.hasher.hash(input.password);
    const id = randomUUID();
    const inserted = await this.users.insertUnlessEmailTaken(manager, {
      id,
      email,
      displayName: input.displayName.trim(),
      passwordHash,
      roles: input.roles,
    });
    if (!inserted) {
      throw new ProblemException({
        status: HttpStatus.CONFLICT,
        slug: 'email-taken',
        title: 'Email already registered',
        detail: 'An account with this email address already exists.',
      });
    }
    const user = await this.users.getById(manager, id);
    await this.audit.record(manager, {
      action: audit.action,
      actor: audit.actor ?? { type: 'user', id: user.id, display: user.email },
      target: { type: 'user', id: user.id },
      changes: {
        email: { after: user.email },
        displayName: { after: user.displayName },
        roles: { after: user.roles },
      },
      outcome: 'success',
      context: audit.context,
    });
    return user;
  }

  /** An admin creates an account (`user.created`), under the same rules as registration. */
  createByAdmin(input: NewUser, actor: AuditActor, context: RequestContext): Promise<UserEntity> {
    return this.dataSource.transaction((manager) =>
      this.create(manager, input, { action: 'user.created', actor, context }),
    );
  }

  /** A user changes their own display name; `user.updated` is recorded only for a change. */
  async updateProfile(
    userId: string,
    patch: { displayName: string },
    actor: AuditActor,
    context: RequestContext,
  ): Promise<UserEntity> {
    let changed = false;
    const updated = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockById(manager, userId);
      if (!user) throw new ProblemException({ status: HttpStatus.UNAUTHORIZED });
      const displayName = patch.displayName.trim();
      if (displayName === user.displayName) return user;
      changed = true;
      await this.users.setDisplayName(manager, userId, displayName);
      await this.audit.record(manager, {
        action: 'user.updated',
        actor,
        target: { type: 'user', id: userId },
        changes: { displayName: { before: user.displayName, after: displayName } },
        outcome: 'success',
        context,
      });
      return this.users.getById(manager, userId);
    });
    // Not access, but the cached principal carries the name (audit actors show it).
    if (changed) await this.revoker.accessChanged(userId);
    return updated;
  }

  /**
   * A signed-in user changes their password. A wrong current password is a 400 on
   * `currentPassword` (audited as `user.password_change_failed`); the new one must pass the
   * policy and differ from the current one. On success every other session of the user is
   * revoked (the calling one, `keepSessionId`, stays signed in) and `user.password_changed`
   * is recorded in the same transaction. Returns how many sessions were revoked.
   */
  async changePassword(
    caller: { userId: string; keepSessionId: string | null },
    input: { currentPassword: string; newPassword: string },
    actor: AuditActor,
    context: RequestContext,
  ): Promise<number> {
    const { userId, keepSessionId } = caller;
    const user = await this.users.findWithPasswordHashById(userId);
    if (!user) throw new ProblemException({ status: HttpStatus.UNAUTHORIZED });
    const target = { type: 'user', id: userId };
    if (!(await this.hasher.verify(user.passwordHash, input.currentPassword))) {
      await this.audit.record(this.dataSource.manager, {
        action: 'user.password_change_failed',
        actor,
        target,
        outcome: 'failure',
        context,
      });
      throw invalidFields([{ path: 'currentPassword', message: 'currentPassword is not correct' }]);
    }
    const weak =
      passwordProblem(input.newPassword, user.email) ??
      (input.newPassword === input.currentPassword
        ? 'password must differ from the current password'
        : null);
    if (weak) {
      throw invalidFields([
        { path: 'newPassword', message: weak.replace(/^password/, 'newPassword') },
      ]);
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    const revoked = await this.dataSource.transaction(async (manager) => {
      // Only over the hash the current password was checked against (no lost update).
      const replaced = await this.users.replacePasswordHash(
        manager,
        userId,
        user.passwordHash,
        passwordHash,
      );
      if (!replaced) {
        throw new ProblemException({
          status: HttpStatus.CONFLICT,
          detail: 'The password was changed by another request meanwhile; try again.',
        });
      }
      const revokedSessions = await this.revoker.revokeSessions(
        manager,
        userId,
        'password_changed',
        keepSessionId,
      );
      await this.audit.record(manager, {
        action: 'user.password_changed',
        actor,
        target,
        changes: { otherSessionsRevoked: { after: revokedSessions } },
        outcome: 'success',
        context,
      });
      return revokedSessions;
    });
    await this.revoker.accessChanged(userId);
    return revoked;
  }

  /**
   * Replaces a password hash made with outdated parameters (at sign-in, when the password is
   * at hand). Only over the hash that was verified, so a concurrent password change wins.
   */
  async upgradePasswordHash(userId: string, verifiedHash: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.users.replacePasswordHash(
      this.dataSource.manager,
      userId,
      verifiedHash,
      passwordHash,
    );
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findById(id);
  }

  /** A user known to exist, read in the caller's transaction (a refresh, under its locks). */
  getById(manager: EntityManager, id: string): Promise<UserEntity> {
    return this.users.getById(manager, id);
  }

  /** With the password hash, for sign-in only. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.users.findWithPasswordHashByEmail(normalizeEmail(email));
  }

  /** Newest first, keyset-paginated on (created_at, id), optionally filtered by email. */
  async list(query: {
    email?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<UserEntity>> {
    const limit = query.limit ?? USERS_PAGE.defaultLimit;
    const fingerprint = queryFingerprint({ sort: '-createdAt', email: query.email });
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, fingerprint, [
        CURSOR_KEYS.timestamp,
        CURSOR_KEYS.uuid,
      ]);
      after = { createdAt, id };
    }
    const rows = await this.users.list({
      emailContains: query.email ? normalizeEmail(query.email) : undefined,
      after,
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(fingerprint, [last.createdAt.toISOString(), last.id])
        : null;
    return { items, nextCursor };
  }

  /**
   * An admin changes roles and/or the disabled flag. Once committed, auth is told, so this
   * applies to the user's next request on this replica and within a second on the others.
   */
  async update(
    id: string,
    patch: { roles?: Role[]; disabled?: boolean },
    actor: AuditActor,
    context: RequestContext,
  ): Promise<UserEntity> {
    let changed = false;
    const updated = await this.dataSource.transaction(async (manager) => {
      await this.users.lockAdminChanges(manager);
      const user = await this.users.lockById(manager, id);
      if (!user) {
        throw new ProblemException({ status: HttpStatus.NOT_FOUND, detail: 'No such user.' });
      }
      const rolesChanged =
        patch.roles !== undefined &&
        [...patch.roles].sort().join(',') !== [...user.roles].sort().join(',');
      const disabledChanged =
        patch.disabled !== undefined && patch.disabled !== (user.disabledAt !== null);
      const nextRoles = rolesChanged && patch.roles ? patch.roles : user.roles;
      const nextDisabled = disabledChanged ? Boolean(patch.disabled) : user.disabledAt !== null;
      changed = rolesChanged || disabledChanged;

      const wasActiveAdmin = user.roles.includes('admin') && user.disabledAt === null;
      const staysActiveAdmin = nextRoles.includes('admin') && !nextDisabled;
      if (wasActiveAdmin && !staysActiveAdmin) {
        if ((await this.users.countEnabledAdmins(manager)) <= 1) {
          throw new ProblemException({
            status: HttpStatus.CONFLICT,
            slug: 'last-admin',
            title: 'Cannot remove the last admin',
            detail: 'At least one enabled admin must remain; make someone else admin first.',
          });
        }
      }

      if (rolesChanged) {
        await this.users.setRoles(manager, id, nextRoles);
        await this.audit.record(manager, {
          action: 'user.roles_changed',
          actor,
          target: { type: 'user', id },
          changes: { roles: { before: user.roles, after: nextRoles } },
          outcome: 'success',
          context,
        });
      }
      if (disabledChanged) {
        await this.users.setDisabled(manager, id, nextDisabled);
        if (nextDisabled) {
          await this.revoker.revokeSessions(manager, id, 'user_disabled');
          await this.revoker.revokeApiTokens(manager, id);
        }
        await this.audit.record(manager, {
          action: nextDisabled ? 'user.disabled' : 'user.enabled',
          actor,
          target: { type: 'user', id },
          changes: { disabled: { before: !nextDisabled, after: nextDisabled } },
          outcome: 'success',
          context,
        });
      }
      return this.users.getById(manager, id);
    });
    if (changed) await this.revoker.accessChanged(id);
    return updated;
  }
}
