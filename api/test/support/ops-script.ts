import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface CliRun {
  code: number;
  /** The last stdout line, parsed (the ops commands print one JSON line). */
  result: Record<string, unknown> | undefined;
  stderr: string;
}

/**
 * Runs an `ops/` script as `npm run` would (ts-node, the repo as working directory), as its own
 * process, and parses its last stdout line.
 */
export function runOpsScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  timeout = 120_000,
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'ops', script), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
        timeout,
      },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        let result: Record<string, unknown> | undefined;
        try {
          result = JSON.parse(line) as Record<string, unknown>;
        } catch {
          result = undefined;
        }
        resolve({ code: error ? Number(error.code ?? 1) : 0, result, stderr });
      },
    );
  });
}
