import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** `npm run user:create` makes the first admin, who can then sign in and administer users. */
describe('user:create CLI (e2e)', () => {
  let app: TestApp;
  let keyDir: string;
  beforeAll(async () => {
    app = await startTestApp();
    keyDir = mkdtempSync(join(tmpdir(), 'tt-cli-'));
  });
  afterAll(async () => {
    await app.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const createUser = (args: string[], password: string) =>
    run(
      'npx',
      ['ts-node', '-P', 'tsconfig.json', '--transpile-only', 'ops/cli/user-create.ts', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TASKTRACKR_PASSWORD: password,
          JWT_KEY_DIR: keyDir,
          LOG_LEVEL: 'silent',
        },
      },
    );

  it('creates an admin who can sign in and list users; the password is not echoed', async () => {
    const email = `cli-admin-${Date.now()}@example.com`;
    const password = 'granite-lantern-orbit-77';
    const { stdout } = await createUser(
      ['--email', email, '--role', 'admin', '--name', 'CLI Admin'],
      password,
    );
    expect(stdout).toContain(`Created ${email} (admin)`);
    expect(stdout).not.toContain(password);

    const login = await app.sdk.POST('/api/v1/auth/login', { body: { email, password } });
    expect(login.data?.user.roles).toEqual(['admin']);
    const listed = await app
      .client(login.data?.accessToken)
      .GET('/api/v1/users', { params: { query: { email } } });
    expect(listed.data?.items.map((u) => u.email)).toEqual([email]);
  });

  it('says in one line, without a stack trace, when no database can be found', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const failed = run(
      'npx',
      [
        ...['ts-node', '-P', 'tsconfig.json', '--transpile-only', 'ops/cli/user-create.ts'],
        ...['--email', `cli-nowhere-${Date.now()}@example.com`],
      ],
      {
        cwd: ROOT,
        env: {
          ...env,
          TASKTRACKR_PASSWORD: 'granite-lantern-orbit-77',
          TT_DATA_DIR: keyDir, // holds no services.env: no npm start runs there
          TT_LOCAL_PG_PORT: 'off',
          TT_EMBEDDED_PG_PORT: '1',
          TT_LOCAL_REDIS_PORT: 'off',
          TT_DEV_REDIS_PORT: '1',
        },
      },
    );
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^user:create failed: No PostgreSQL to use: DATABASE_URL is not set, .*`npm start`.*\n$/,
      ) as unknown,
    });
  });

  it('refuses a weak password with the policy’s reason and a non-zero exit', async () => {
    await expect(
      createUser(['--email', `cli-weak-${Date.now()}@example.com`], 'short'),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('at least 12 characters') as unknown,
    });
  });
});
