import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runAuditVerify } from './support/audit-cli';
import { startTestApp, TestApp } from './support/test-app';
import { createDatabase, dropDatabase, uniqueName } from '../../ops/db/test-database';
import { waitFor } from './support/wait-for';

const ROOT = join(__dirname, '..', '..');
const TASKS = 200;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run seed:demo -- <args>` (the same script, without npm). */
function seedDemo(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'ops', 'seed', 'seed-demo.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `npm run seed:demo` twice on a fresh database: a realistic, verifiable, idempotent dataset. */
describe('seed:demo (e2e)', () => {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const database = uniqueName('tt_seed');
  const keyDir = mkdtempSync(join(tmpdir(), 'tt-seed-'));
  let env: Record<string, string>;
  let app: TestApp | undefined;
  let first: Run;

  beforeAll(async () => {
    const url = await createDatabase(serverUrl, database);
    env = {
      DATABASE_URL: url,
      JWT_KEY_DIR: join(keyDir, 'jwt'),
      AUDIT_SIGNING_KEY_FILE: join(keyDir, 'audit-signing-key.pem'),
      // Its own database and key, so its own published tree checkpoints too.
      AUDIT_CHECKPOINT_DIR: join(keyDir, 'checkpoints'),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
    };
    first = await seedDemo(['--tasks', String(TASKS)], env);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await dropDatabase(serverUrl, database);
    rmSync(keyDir, { recursive: true, force: true });
  });

  const count = async (dataSource: DataSource, sql: string): Promise<number> => {
    const [row]: { n: number }[] = await dataSource.query(sql);
    return row?.n ?? -1;
  };

  it('creates an admin, an auditor and employees, printing each password once', () => {
    expect(first.stderr).not.toMatch(/failed|Error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`10 users and ${TASKS} tasks added`);
    const credentials = [
      ...first.stdout.matchAll(/^ {2}(\S+) +(\S+@demo\.example\.com) +(\S+)$/gm),
    ];
    expect(credentials.map(([, role]) => role).sort()).toEqual(
      ['admin', 'auditor', ...Array<string>(8).fill('employee')].sort(),
    );
    expect(credentials.every(([, , , password]) => (password ?? '').length >= 12)).toBe(true);
  });

  it('yields tasks the dashboard can chart, and the audit events of all of it', async () => {
    // An instance on that database, whose worker seals what the seed left in the outbox.
    app = await startTestApp({
      configOverrides: {
        DATABASE_URL: env.DATABASE_URL,
        AUDIT_SIGNING_KEY_FILE: env.AUDIT_SIGNING_KEY_FILE,
        AUDIT_CHECKPOINT_DIR: env.AUDIT_CHECKPOINT_DIR,
        JWT_KEY_DIR: env.JWT_KEY_DIR,
        QUEUE_PREFIX: undefined,
      },
    });
    const { dataSource } = app;
    expect(await count(dataSource, 'SELECT count(*)::int AS n FROM users')).toBe(10);
    expect(await count(dataSource, 'SELECT count(*)::int AS n FROM tasks')).toBe(TASKS);
    expect(await count(dataSource, 'SELECT count(DISTINCT status)::int AS n FROM tasks')).toBe(4);
    expect(
      await count(dataSource, 'SELECT count(DISTINCT assignee_id)::int AS n FROM tasks'),
    ).toBeGreaterThanOrEqual(5);

    const [, email, password] = /^ {2}admin +(\S+) +(\S+)$/m.exec(first.stdout) ?? ([] as string[]);
    const login = await app.sdk.POST('/api/v1/auth/login', {
      body: { email: email ?? '', password: password ?? '' },
    });
    expect(login.response.status).toBe(200);
    const stats = await app.client(login.data?.accessToken).GET('/api/v1/tasks/stats', {});
    const completedPerDay = stats.data?.completedPerDay ?? [];
    expect(completedPerDay.filter((day) => day.count > 0).length).toBeGreaterThan(10);
    expect(stats.data?.overdue).toBeGreaterThan(0);
    expect(stats.data?.dueNext7Days).toBeGreaterThan(0);

    await waitFor(
      async () =>
        (await count(dataSource, 'SELECT count(*)::int AS n FROM audit_outbox')) === 0
          ? true
          : undefined,
      30_000,
      'the seed events sealed',
    );
    expect(
      await count(
        dataSource,
        "SELECT count(*)::int AS n FROM audit_events WHERE actor_display = 'cli:seed:demo'",
      ),
    ).toBe(10 + TASKS);
    const verify = await runAuditVerify([], env);
    expect(verify.result).toMatchObject({ ok: true });
    expect(Number(verify.result?.checked)).toBeGreaterThanOrEqual(10 + TASKS);
  });

  it('adds nothing on a second run and says what exists', async () => {
    const again = await seedDemo(['--tasks', String(TASKS)], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`10 demo users and ${TASKS} demo tasks exist; nothing added`);
    expect(again.stdout).not.toContain('@demo.example.com');
    const dataSource = app!.dataSource;
    expect(await count(dataSource, 'SELECT count(*)::int AS n FROM users')).toBe(10);
    expect(await count(dataSource, 'SELECT count(*)::int AS n FROM tasks')).toBe(TASKS);
    expect(
      await count(
        dataSource,
        `SELECT ((SELECT count(*) FROM audit_events WHERE actor_display = 'cli:seed:demo')
               + (SELECT count(*) FROM audit_outbox))::int AS n`,
      ),
    ).toBe(10 + TASKS);
  });

  it('refuses to run with NODE_ENV=production', async () => {
    const refused = await seedDemo([], { ...env, NODE_ENV: 'production' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'seed:demo failed: refusing to add demo data with NODE_ENV=production.\n',
    );
  });
});
