import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs the real entry point with the given environment and returns how it ended. */
function startWith(env: Record<string, string | undefined>) {
  const result = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'api/src/main.ts'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', TS_NODE_PROJECT: 'tsconfig.json', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stderr: result.stderr };
}

describe('configuration at start-up (e2e)', () => {
  const valid = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };

  it('refuses to start naming a malformed variable, without echoing its value', () => {
    const { status, stderr } = startWith({
      ...valid,
      PORT: 'not-a-port',
      CORS_ORIGINS: 'https://ok.example/path',
    });
    expect(status).toBe(1);
    expect(stderr).toContain('Invalid environment configuration');
    expect(stderr).toMatch(/PORT must be a number/);
    expect(stderr).toMatch(/CORS_ORIGINS must be a comma-separated list of origins/);
    expect(stderr).not.toContain('not-a-port');
  });

  it('refuses to start naming a missing required variable', () => {
    const { status, stderr } = startWith({ REDIS_URL: valid.REDIS_URL });
    expect(status).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL is required/);
    expect(stderr).not.toContain('REDIS_URL');
  });
});
