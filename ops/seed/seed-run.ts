import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import type { AuditActor } from '../../api/src/audit-log';
import { AuditLogService } from '../../api/src/audit-log';
import type { RequestContext } from '../../api/src/common/http/request-context';
import { withAdvisoryLock } from '../../api/src/database/advisory-lock';
import { UsersService } from '../../api/src/users';
import { createCliAppContext } from '../cli/app-context';
import { useServicesForCli } from '../dev-services/services-for-cli';
import { DEMO_USERS } from './demo-users';
import { summarize } from './seed-summary';
import { seedTasks } from './seed-tasks';
import { seedUsers } from './seed-users';

/** Two seeds at once would both count the same gap and fill it twice. */
const SEED_LOCK = 7_246_118_077;

const ACTOR: AuditActor = { type: 'system', id: null, display: 'cli:seed:demo' };
const CONTEXT: RequestContext = { ip: null, userAgent: 'cli:seed:demo', requestId: null };

/**
 * Adds what is missing of the demo dataset (users, then `targetTasks` tasks) through the app's
 * services, and prints what exists. Loaded only once the arguments and NODE_ENV passed.
 */
export async function seedDemo(targetTasks: number): Promise<void> {
  const source = await useServicesForCli({ database: true, redis: true });
  if (source) process.stderr.write(`${source}\n`);
  const startedAt = Date.now();
  const app = await createCliAppContext();
  const dataSource = app.get(DataSource);
  try {
    // Held by a transaction, not the session: safe through PgBouncer (transaction pooling).
    await withAdvisoryLock(dataSource, SEED_LOCK, async () => {
      const users = await seedUsers(dataSource, app.get(UsersService), DEMO_USERS, {
        actor: ACTOR,
        context: CONTEXT,
      });
      const ownerIds = users.filter((u) => !u.roles.includes('auditor')).map((u) => u.id);
      const assigneeIds = users.filter((u) => u.roles.includes('employee')).map((u) => u.id);
      const [{ count }]: { count: number }[] = await dataSource.query(
        'SELECT count(*)::int AS count FROM tasks WHERE owner_id = ANY($1::uuid[])',
        [ownerIds],
      );

      const missing = Math.max(0, targetTasks - count);
      if (missing > 0) {
        const bar = new SingleBar({
          format: 'Tasks [{bar}] {value}/{total} | {eta_formatted} left',
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(missing, 0);
        await seedTasks(
          dataSource,
          app.get(AuditLogService),
          { from: count, to: count + missing, now: new Date() },
          { ownerIds, assigneeIds },
          { actor: ACTOR, context: CONTEXT },
          (inserted) => bar.increment(inserted),
        );
        bar.stop();
      }
      process.stdout.write(
        await summarize(dataSource, {
          users,
          ownerIds,
          tasksBefore: count,
          tasksAdded: missing,
          seconds: (Date.now() - startedAt) / 1000,
        }),
      );
    });
  } finally {
    await app.close();
  }
}
