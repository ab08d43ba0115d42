import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../common/access/principal';
import { UserEntity } from './user.entity';

/** Serialises changes that could remove the last admin (any constant; same for all replicas). */
const ADMIN_CHANGE_LOCK = 7_246_118_003;

/** A new account's row, its email already normalised and its password hashed. */
export interface NewUserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
}

/** One page of the users list, newest first on (created_at, id). */
export interface UserListSlice {
  /** Part of the (normalised) email; matched literally, `%` and `_` included. */
  emailContains?: string;
  /** The last row of the previous page. */
  after?: { createdAt: string; id: string };
  take: number;
}

/**
 * The `users` table's queries. Methods that take an `EntityManager` run in the caller's
 * transaction; the others use the pool. Rules (policy, last admin, auditing) stay in the service.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the row unless its email is taken; `false` when it is. */
  async insertUnlessEmailTaken(manager: EntityManager, row: NewUserRow): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(row)
      .orIgnore()
      .returning('id')
      .execute();
    // orIgnore + RETURNING yields no row when the email is taken (no exception to parse).
    return (inserted.raw as unknown[]).length > 0;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.manager.findOneBy(UserEntity, { id });
  }

  /** A row the caller knows exists (it just wrote or locked it). */
  getById(manager: EntityManager, id: string): Promise<UserEntity> {
    return manager.findOneByOrFail(UserEntity, { id });
  }

  /** Reads and row-locks the user until the transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** With the password hash, which is never selected otherwise. */
  findWithPasswordHashById(id: string): Promise<UserEntity | null> {
    return this.withPasswordHash().where('u.id = :id', { id }).getOne();
  }

  /** With the password hash, for sign-in; `email` already normalised. */
  findWithPasswordHashByEmail(email: string): Promise<UserEntity | null> {
    return this.withPasswordHash().where('u.email = :email', { email }).getOne();
  }

  list(slice: UserListSlice): Promise<UserEntity[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .orderBy('u.createdAt', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .take(slice.take);
    if (slice.emailContains !== undefined) {
      const escaped = slice.emailContains.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere('u.email LIKE :pattern', { pattern: `%${escaped}%` });
    }
    if (slice.after) {
      qb.andWhere('(u.createdAt, u.id) < (:createdAt, :id)', slice.after);
    }
    return qb.getMany();
  }

  /** Enabled users holding the admin role. */
  countEnabledAdmins(manager: EntityManager): Promise<number> {
    return manager
      .createQueryBuilder(UserEntity, 'u')
      .where(`'admin' = ANY(u.roles)`)
      .andWhere('u.disabledAt IS NULL')
      .getCount();
  }

  /** Held until the transaction ends, so two admin changes cannot both remove "the other" admin. */
  async lockAdminChanges(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGE_LOCK]);
  }

  async setDisplayName(manager: EntityManager, id: string, displayName: string): Promise<void> {
    await manager.update(UserEntity, { id }, { displayName });
  }

  async setRoles(manager: EntityManager, id: string, roles: Role[]): Promise<void> {
    await manager.update(UserEntity, { id }, { roles });
  }

  async setDisabled(manager: EntityManager, id: string, disabled: boolean): Promise<void> {
    await manager.update(UserEntity, { id }, { disabledAt: disabled ? () => 'now()' : null });
  }

  /**
   * Replaces the hash only while it is still `expected` (no lost update when two changes race);
   * `false` when another change got there first.
   */
  async replacePasswordHash(
    manager: EntityManager,
    id: string,
    expected: string,
    passwordHash: string,
  ): Promise<boolean> {
    const updated = await manager.update(
      UserEntity,
      { id, passwordHash: expected },
      { passwordHash },
    );
    return Boolean(updated.affected);
  }

  private withPasswordHash() {
    return this.dataSource.manager.createQueryBuilder(UserEntity, 'u').addSelect('u.passwordHash');
  }
}
