import type { DataSource } from 'typeorm';
import type { SeededUser } from './seed-users';

export interface SeedOutcome {
  users: SeededUser[];
  ownerIds: string[];
  tasksBefore: number;
  tasksAdded: number;
  seconds: number;
}

interface TaskCounts {
  total: number;
  done30: number;
  overdue: number;
  dueThisWeek: number;
}

/**
 * What the run did and what exists now, and the passwords of the users created by this run
 * (the only time they are shown).
 */
export async function summarize(dataSource: DataSource, outcome: SeedOutcome): Promise<string> {
  const [tasks]: TaskCounts[] = await dataSource.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE completed_at >= now() - interval '30 days')::int AS done30,
            count(*) FILTER (WHERE status <> 'done' AND due_at < now())::int AS overdue,
            count(*) FILTER (WHERE status <> 'done' AND due_at >= now()
                             AND due_at < now() + interval '7 days')::int AS "dueThisWeek"
       FROM tasks WHERE owner_id = ANY($1::uuid[]) AND deleted_at IS NULL`,
    [outcome.ownerIds],
  );
  const [audit]: { events: number; unsealed: number }[] = await dataSource.query(
    `SELECT (SELECT count(*) FROM audit_events WHERE actor_display = 'cli:seed:demo')::int
              + (SELECT count(*) FROM audit_outbox WHERE actor_display = 'cli:seed:demo')::int
              AS events,
            (SELECT count(*) FROM audit_outbox)::int AS unsealed`,
  );
  const created = outcome.users.filter((user) => user.password !== undefined);
  const lines: string[] = [];
  if (created.length === 0 && outcome.tasksAdded === 0) {
    lines.push(
      `Demo data already complete: ${outcome.users.length} demo users and ` +
        `${outcome.tasksBefore} demo tasks exist; nothing added.`,
    );
  } else {
    lines.push(
      `Demo data ready in ${outcome.seconds.toFixed(1)} s: ${created.length} users and ` +
        `${outcome.tasksAdded} tasks added.`,
    );
  }
  lines.push(
    `  users       ${outcome.users.length} (1 admin, 1 auditor, ${outcome.users.length - 2} employees)`,
    `  tasks       ${tasks?.total ?? 0}: ${tasks?.done30 ?? 0} completed in the last 30 days, ` +
      `${tasks?.overdue ?? 0} overdue, ${tasks?.dueThisWeek ?? 0} due within 7 days`,
    `  audit log   ${audit?.events ?? 0} events from seed:demo` +
      ((audit?.unsealed ?? 0) > 0
        ? `; ${audit?.unsealed} still in the outbox (the worker of \`npm start\` seals them)`
        : ''),
  );
  if (created.length > 0) {
    lines.push('', 'Sign in with (shown only now; stored nowhere but as argon2id hashes):');
    for (const user of created) {
      lines.push(`  ${user.roles.join(',').padEnd(9)} ${user.email.padEnd(26)} ${user.password}`);
    }
  }
  const existing = outcome.users.filter((user) => user.password === undefined);
  if (existing.length > 0 && created.length > 0) {
    lines.push(`(${existing.length} demo users already existed; their passwords are unchanged.)`);
  }
  return `${lines.join('\n')}\n`;
}
