import argon2 from 'argon2';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../../../api/src/database/run-migrations';
import { typeormOptions } from '../../../api/src/database/typeorm-options';
import { CREATE_BODY } from './protocol';

export const BENCH_PASSWORD = 'bench-password-not-secret';
export const ADMIN_EMAIL = 'bench-admin@example.com';
export const EMPLOYEE_EMAIL = 'bench-0001@example.com';

/** Words titles and descriptions are made of; each lands in roughly 1% of tasks. */
export const WORDS = [
  'budget',
  'report',
  'invoice',
  'release',
  'migration',
  'review',
  'audit',
  'onboarding',
  'hiring',
  'roadmap',
  'security',
  'backup',
  'dashboard',
  'customer',
  'vendor',
  'contract',
  'training',
  'deployment',
  'incident',
  'retrospective',
  'forecast',
  'payroll',
  'compliance',
  'newsletter',
  'webinar',
  'workshop',
  'prototype',
  'benchmark',
  'translation',
  'accessibility',
  'analytics',
  'billing',
  'catalog',
  'checkout',
  'database',
  'documentation',
  'encryption',
  'firewall',
  'gateway',
  'integration',
  'inventory',
  'kubernetes',
  'licence',
  'logistics',
  'marketing',
  'monitoring',
  'network',
  'office',
  'partnership',
  'pipeline',
  'pricing',
  'procurement',
  'quarterly',
  'recruiting',
  'refactor',
  'renewal',
  'research',
  'sales',
  'schedule',
  'sprint',
  'storage',
  'support',
  'survey',
  'testing',
  'timesheet',
  'travel',
  'upgrade',
  'warehouse',
  'website',
  'zebra',
];

const TASKS_PER_CHUNK = 25_000;

export interface SeedSettings {
  databaseUrl: string;
  users: number;
  tasks: number;
  reseed: boolean;
}

const log = (message: string) => process.stderr.write(`[bench:tasks] ${message}\n`);

/** Creates the bench database when missing (its name comes from our own settings, not input). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected bench database name "${name}"`);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      log(`creating database ${name}`);
      await admin.query(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await admin.end();
  }
}

/** Applies migrations, then seeds users and tasks unless the database already holds them. */
export async function seed(settings: SeedSettings): Promise<void> {
  await ensureDatabase(settings.databaseUrl);
  const dataSource = new DataSource(
    typeormOptions({
      url: settings.databaseUrl,
      poolSize: 2,
      connectTimeoutMs: 5000,
      applicationName: 'bench-tasks-seed',
    }),
  );
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    // Undo what earlier runs' create scenario added, so the seeded data can be reused as is.
    await dataSource.query('DELETE FROM tasks WHERE title = $1', [CREATE_BODY.title]);
    await dataSource.query('TRUNCATE audit_outbox, idempotency_keys');
    const [{ users, tasks }] = await dataSource.query<[{ users: number; tasks: number }]>(
      `SELECT (SELECT count(*) FROM users WHERE email LIKE 'bench-%')::int AS users,
              (SELECT count(*) FROM tasks)::int AS tasks`,
    );
    if (!settings.reseed && users === settings.users && tasks === settings.tasks) {
      log(`reusing ${users} users and ${tasks} tasks already seeded`);
      return;
    }
    log(`seeding ${settings.users} users and ${settings.tasks} tasks`);
    await dataSource.query('TRUNCATE tasks, idempotency_keys, audit_outbox');
    await dataSource.query(`DELETE FROM users WHERE email LIKE 'bench-%'`);

    // One real argon2id hash shared by every bench user, so any of them can sign in.
    const hash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });
    await dataSource.query(
      `INSERT INTO users (email, display_name, password_hash, roles)
       SELECT CASE WHEN g = 0 THEN $2 ELSE 'bench-' || lpad(g::text, 4, '0') || '@example.com' END,
              'Bench user ' || g, $1,
              CASE WHEN g = 0 THEN '{admin}'::text[] ELSE '{employee}'::text[] END
       FROM generate_series(0, $3 - 1) g`,
      [hash, ADMIN_EMAIL, settings.users],
    );

    const bar = new SingleBar(
      {
        format: '[bench:tasks] tasks {bar} {percentage}% | {value}/{total} | {duration}s',
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      Presets.shades_classic,
    );
    bar.start(settings.tasks, 0);
    for (let from = 1; from <= settings.tasks; from += TASKS_PER_CHUNK) {
      const to = Math.min(from + TASKS_PER_CHUNK - 1, settings.tasks);
      // One multi-row INSERT … SELECT per chunk: generated server-side, no row round-trips.
      await dataSource.query(
        `INSERT INTO tasks (title, description, status, priority, due_at, owner_id, assignee_id,
                            labels, created_at, updated_at, completed_at)
         SELECT initcap(w.words[1 + (g * 7) % w.n]) || ' ' || w.words[1 + (g * 13) % w.n] || ' #' || g,
                'Follow up on the ' || w.words[1 + (g * 17) % w.n] || ' with the ' || w.words[1 + (g * 29) % w.n] || ' team.',
                (ARRAY['todo','in_progress','blocked','done'])[1 + (g * 3) % 4]::task_status,
                (ARRAY['low','medium','high','urgent'])[1 + (g * 5) % 4]::task_priority,
                CASE WHEN g % 4 = 0 THEN NULL ELSE now() + ((g * 37) % 120 - 60) * interval '1 day' END,
                u.ids[1 + g % u.n],
                CASE WHEN g % 3 = 0 THEN NULL ELSE u.ids[1 + (g * 31 + 7) % u.n] END,
                ARRAY['team-' || (g % 40), 'q' || (1 + g % 4)],
                now() - ($3::int - g) * interval '2 seconds',
                now() - ($3::int - g) * interval '2 seconds',
                CASE WHEN (g * 3) % 4 = 3 THEN now() - (g % 30) * interval '1 day' END
         FROM generate_series($1::int, $2::int) g,
              (SELECT array_agg(id ORDER BY email) AS ids, count(*)::int AS n FROM users WHERE email LIKE 'bench-%') u,
              (SELECT $4::text[] AS words, cardinality($4::text[]) AS n) w`,
        [from, to, settings.tasks, WORDS],
      );
      bar.update(to);
    }
    bar.stop();
    log('ANALYZE');
    await dataSource.query('VACUUM ANALYZE tasks');
    await dataSource.query('VACUUM ANALYZE users');
  } finally {
    await dataSource.destroy();
  }
}
