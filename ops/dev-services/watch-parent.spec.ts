import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('watchParent', () => {
  it('notices that the shell it was started from died of a SIGTERM it did not pass on', async () => {
    const script =
      "require('./ops/dev-services/watch-parent').watchParent(() => process.exit(0), 100);" +
      'console.log(process.pid); setInterval(() => undefined, 1000);';
    // `; true` keeps sh from exec-ing node: sh stays in between, as under `npm run`.
    const shell = spawn(
      'sh',
      ['-c', `node -r ts-node/register/transpile-only -e "${script}"; true`],
      { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
    );
    const pid = await new Promise<number>((resolve) =>
      shell.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    expect(alive(pid)).toBe(true);

    shell.kill('SIGTERM');
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  }, 30_000);
});
