import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isPortOpen } from '../../ops/dev-services/probe';
import { defaultQueuePrefix } from '../src/config/queue-prefix';
import { freePort } from '../../ops/dev-services/free-port';
import { isAlive, processTree, type ProcessInfo } from './support/process-tree';
import { dropDatabase, uniqueName, withDatabase } from '../../ops/db/test-database';
import { waitFor } from './support/wait-for';
import { deleteRedisKeys } from '../../ops/dev-services/redis-keys';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

// `npm start` compiles the API first (10-30 s on two cores), the embedded setup adds initdb.
jest.setTimeout(240_000);

/** `npm start` as a person runs it: npm's own pid, output collected for the assertions. */
class NpmStart {
  readonly child: ChildProcess;
  private text = '';
  readonly exited: Promise<number | null>;

  /** `ownGroup`: npm leads a process group of its own, as a terminal's foreground job does. */
  constructor(env: NodeJS.ProcessEnv, ownGroup = false) {
    this.child = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: ownGroup,
    });
    const keep = (chunk: Buffer) => (this.text += chunk.toString());
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get output(): string {
    return this.text;
  }

  /** Resolves once the launcher printed where it serves (so the app listens). */
  async ready(): Promise<void> {
    await waitFor(
      async () => {
        if (this.child.exitCode !== null) throw new Error(`npm start exited:\n${this.text}`);
        return this.text.includes('TaskTrackr is running') ? true : undefined;
      },
      200_000,
      'npm start to serve',
    );
  }

  /**
   * SIGTERM to npm's pid only, or (`ctrlC`) SIGINT to its whole process group as a terminal's
   * Ctrl-C sends it; resolves with every process of the tree that is left.
   */
  async terminate(
    tree: ProcessInfo[],
    how: 'sigterm' | 'ctrlC' = 'sigterm',
  ): Promise<ProcessInfo[]> {
    if (how === 'ctrlC') process.kill(-this.pid, 'SIGINT');
    else process.kill(this.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.exited,
      new Promise((resolve) => (timer = setTimeout(resolve, 30_000))),
    ]);
    clearTimeout(timer);
    // npm returns once its child (the launcher) exited; give stragglers a moment anyway.
    await waitFor(
      async () => (tree.some((p) => isAlive(p.pid)) ? undefined : true),
      15_000,
      'every process npm start started to exit',
    ).catch(() => undefined);
    return tree.filter((p) => isAlive(p.pid));
  }

  /** Last resort, so a failing test leaves nothing running. */
  kill(tree: ProcessInfo[]): void {
    for (const p of tree) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
  }
}

/** The environment of a fresh clone's shell: nothing of this test run's configuration. */
function freshEnv(dataDir: string, overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_URL|REDIS_URL|QUEUE_PREFIX|LOG_LEVEL|TT_.*)$/.test(name)) delete env[name];
  }
  return {
    ...env,
    // `test` keeps a developer's .env out; nothing else differs for the launcher.
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    TT_DATA_DIR: dataDir,
    TT_SKIP_UI_BUILD: '1', // the admin UI build is not what this test is about
    JWT_KEY_DIR: join(dataDir, 'jwt'),
    AUDIT_SIGNING_KEY_FILE: join(dataDir, 'audit-signing-key.pem'),
    ...overrides,
  };
}

describe('npm start, then SIGTERM to its pid (e2e)', () => {
  let dataDir: string;
  beforeEach(() => {
    // mkdtemp makes it 0700: as root, the launcher opens it (o+x) for the postgres user.
    dataDir = mkdtempSync(join(tmpdir(), 'tt-npm-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('with the local services: CLIs find them with no environment; nothing is left running', async () => {
    const serverUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
    const database = uniqueName('tt_npm_start');
    const port = await freePort();
    const env = freshEnv(dataDir, { PORT: String(port), TT_DATABASE_NAME: database });
    const npm = new NpmStart(env);
    let tree: ProcessInfo[] = [];
    try {
      await npm.ready();
      expect(npm.output).toContain(`App       http://localhost:${port}/`);
      expect(npm.output).toContain(
        `Database  postgres://postgres@127.0.0.1:5432/${database} (local server)`,
      );
      const recordPath = join(dataDir, 'services.env');
      expect(readFileSync(recordPath, 'utf8')).toContain(
        `DATABASE_URL=postgres://postgres@127.0.0.1:5432/${database}`,
      );

      // The README's next step, with no DATABASE_URL / REDIS_URL anywhere.
      const email = `first-admin-${Date.now()}@example.com`;
      const password = 'granite-lantern-orbit-77';
      const created = await run(
        'npm',
        ['run', '--silent', 'user:create', '--', '--email', email, '--role', 'admin'],
        { cwd: ROOT, env: { ...env, TASKTRACKR_PASSWORD: password } },
      );
      expect(created.stdout).toContain(`Created ${email} (admin)`);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(login.status).toBe(200);

      tree = processTree(npm.pid);
      expect(tree.map((p) => p.name)).toContain('node');
      const left = await npm.terminate(tree);
      expect(left).toEqual([]);
      expect(await isPortOpen({ host: '127.0.0.1', port })).toBe(false);
      expect(existsSync(recordPath)).toBe(false);
      expect(npm.output).toMatch(/App: drained and closed/);
    } finally {
      npm.kill(tree);
      await dropDatabase(serverUrl, database);
      const prefix = defaultQueuePrefix(withDatabase(serverUrl, database));
      // Bull's keys are `prefix:…`; the throttler's hash-tagged ones `{prefix:…`.
      for (const pattern of [`${prefix}:*`, `{${prefix}:*`]) {
        await deleteRedisKeys('redis://127.0.0.1:6379', pattern);
      }
    }
  });

  it('with the embedded setup: embedded Postgres and redis-server stop too', async () => {
    const [port, pgPort, redisPort] = [await freePort(), await freePort(), await freePort()];
    const env = freshEnv(dataDir, {
      PORT: String(port),
      TT_LOCAL_PG_PORT: 'off',
      TT_LOCAL_REDIS_PORT: 'off',
      TT_EMBEDDED_PG_PORT: String(pgPort),
      TT_DEV_REDIS_PORT: String(redisPort),
    });
    const npm = new NpmStart(env);
    let tree: ProcessInfo[] = [];
    try {
      await npm.ready();
      expect(npm.output).toContain('(embedded, started here)');
      expect(npm.output).toContain(
        `Database  postgres://postgres:***@127.0.0.1:${pgPort}/tasktrackr`,
      );
      expect(npm.output).not.toContain('postgres:postgres@');

      tree = processTree(npm.pid);
      const postmaster = Number(
        readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      expect(tree.map((p) => p.pid)).toContain(postmaster);
      expect(tree.map((p) => p.name)).toContain('redis-server');

      const left = await npm.terminate(tree);
      expect(left).toEqual([]);
      for (const listening of [port, pgPort, redisPort]) {
        expect(await isPortOpen({ host: '127.0.0.1', port: listening })).toBe(false);
      }
      expect(npm.output).toContain(
        `Postgres: stopped the embedded PostgreSQL on 127.0.0.1:${pgPort}`,
      );
      expect(npm.output).toContain(`Redis: stopped redis-server on 127.0.0.1:${redisPort}`);
    } finally {
      npm.kill(tree);
    }
  });
});

describe('npm start, then Ctrl-C (e2e)', () => {
  it('drains and stops everything although the signal reaches npm and the launcher both', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tt-npm-start-'));
    const [port, redisPort] = [await freePort(), await freePort()];
    // Local Postgres (no initdb to wait for), a spawned redis-server: it must stop too.
    const env = freshEnv(dataDir, {
      PORT: String(port),
      TT_DATABASE_NAME: uniqueName('tt_npm_ctrl_c'),
      TT_LOCAL_REDIS_PORT: 'off',
      TT_DEV_REDIS_PORT: String(redisPort),
    });
    const npm = new NpmStart(env, true);
    let tree: ProcessInfo[] = [];
    try {
      await npm.ready();
      tree = processTree(npm.pid);
      expect(tree.map((p) => p.name)).toContain('redis-server');
      const left = await npm.terminate(tree, 'ctrlC');
      expect(left).toEqual([]);
      expect(npm.output).toContain('SIGINT received: draining and closing');
      expect(npm.output).toContain('App: drained and closed');
      expect(npm.output).toContain(`Redis: stopped redis-server on 127.0.0.1:${redisPort}`);
    } finally {
      npm.kill(tree);
      await dropDatabase('postgres://postgres@127.0.0.1:5432/postgres', env.TT_DATABASE_NAME ?? '');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
