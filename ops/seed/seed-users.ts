import type { DataSource } from 'typeorm';
import type { AuditActor } from '../../api/src/audit-log';
import type { RequestContext } from '../../api/src/common/http/request-context';
import { normalizeEmail } from '../../api/src/credentials';
import { UsersService } from '../../api/src/users';
import { type DemoUser, demoPassword } from './demo-users';

export interface SeededUser extends DemoUser {
  id: string;
  /** Set only when this run created the user: shown once, stored nowhere. */
  password?: string;
}

/**
 * Creates the demo users that do not exist yet, through UsersService (password policy, argon2id,
 * a `user.created` audit event in the same transaction); existing ones are left as they are.
 */
export async function seedUsers(
  dataSource: DataSource,
  users: UsersService,
  demoUsers: readonly DemoUser[],
  audit: { actor: AuditActor; context: RequestContext },
): Promise<SeededUser[]> {
  const existing: { id: string; email: string }[] = await dataSource.query(
    'SELECT id, email FROM users WHERE email = ANY($1::text[])',
    [demoUsers.map((user) => normalizeEmail(user.email))],
  );
  const idOf = new Map(existing.map((row) => [row.email, row.id]));
  const seeded: SeededUser[] = [];
  for (const demoUser of demoUsers) {
    const id = idOf.get(normalizeEmail(demoUser.email));
    if (id) {
      seeded.push({ ...demoUser, id });
      continue;
    }
    const password = demoPassword();
    const created = await dataSource.transaction((manager) =>
      users.create(manager, { ...demoUser, password }, { action: 'user.created', ...audit }),
    );
    seeded.push({ ...demoUser, id: created.id, password });
  }
  return seeded;
}
