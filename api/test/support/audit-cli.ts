import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface CliRun {
  code: number;
  result: Record<string, unknown> | undefined;
  stderr: string;
}

/** Runs `npm run audit:verify -- <args>` (the same script, without npm) and parses its output. */
export function runAuditVerify(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runScript('verify.ts', args, env);
}

/** Runs `npm run audit:retention -- <args>`. */
export function runAuditRetention(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return runScript('retention.ts', args, env);
}

function runScript(script: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'ops', 'audit', script), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
        timeout: 120_000,
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
