import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createUser, TestUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'ops', 'contract', 'second-generator');
const run = promisify(execFile);

/** What `program.ts` prints (its `ProgramResult`). */
interface ProgramResult {
  signedInAs: string;
  created: Array<{ id: string; version: number; etag: string | null }>;
  newestFirst: string[];
  conflict: { status: number; type: string; currentVersion: number; currentETag: string };
  event: { type: string; id?: string; version?: number };
}

/** Runs a Node script without blocking this process (the app under test answers from it). */
async function node(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      timeout: 40_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

/**
 * The contract, seen through a second, independent generator (@hey-api/openapi-ts with its
 * fetch client): a client generated from the committed libs/sdk/openapi.json must compile
 * under `tsc --strict` with a small program that signs in, creates, lists with a descending
 * sort, meets a 412 and reads the event stream, and that program must work against the app.
 */
describe('a client from a second generator (e2e)', () => {
  let app: TestApp;
  let user: TestUser;
  let dir: string;

  beforeAll(async () => {
    // Git-ignored (`tmp/`), one folder per run: engineers sharing a tree do not collide.
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'tmp', 'second-generator-'));
    copyFileSync(join(FIXTURE, 'program.ts'), join(dir, 'program.ts'));
    const [started] = await Promise.all([
      startTestApp(),
      node(
        [
          join(ROOT, 'node_modules', '@hey-api', 'openapi-ts', 'bin', 'index.cjs'),
          '--file',
          join(FIXTURE, 'openapi-ts.config.mjs'),
        ],
        {
          SECOND_GENERATOR_INPUT: join(ROOT, 'libs', 'sdk', 'openapi.json'),
          SECOND_GENERATOR_OUTPUT: join(dir, 'generated'),
        },
      ),
    ]);
    app = started;
    user = await createUser(app);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates a fetch client with SDK functions from the committed spec', () => {
    for (const file of ['sdk.gen.ts', 'types.gen.ts', 'client/index.ts']) {
      expect(existsSync(join(dir, 'generated', file))).toBe(true);
    }
  });

  it('compiles the program against it with tsc --strict --noEmit', async () => {
    await node([
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--strict',
      '--noEmit',
      '--target',
      'ES2022',
      '--module',
      'commonjs',
      '--moduleResolution',
      'node',
      '--lib',
      'ES2023,DOM,DOM.Iterable',
      '--types',
      'node',
      '--skipLibCheck',
      join(dir, 'program.ts'),
    ]);
  });

  it('signs in, creates, lists newest first, meets a typed 412 and reads the event stream', async () => {
    const stdout = await node(['-r', 'ts-node/register/transpile-only', join(dir, 'program.ts')], {
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      TASKTRACKR_URL: app.baseUrl,
      TASKTRACKR_EMAIL: user.email,
      TASKTRACKR_PASSWORD: user.password,
    });
    const result = JSON.parse(stdout) as ProgramResult;

    expect(result.signedInAs).toBe(user.email);
    const [older, newer] = result.created;
    for (const task of result.created) {
      expect(task).toMatchObject({ version: 1, etag: `"${task.id}:1"` });
    }
    expect(result.newestFirst.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(result.newestFirst.indexOf(newer.id)).toBeLessThan(result.newestFirst.indexOf(older.id));
    expect(result.conflict).toEqual({
      status: 412,
      type: 'https://tasktrackr.dev/problems/precondition-failed',
      currentVersion: 2,
      currentETag: `"${newer.id}:2"`,
    });
    expect(result.event).toMatchObject({ type: 'task.updated', id: newer.id });
    expect(result.event.version).toBeGreaterThan(2);
  });
});
