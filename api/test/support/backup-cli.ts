import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface BackupCliRun {
  code: number;
  /** The last stdout line, parsed (the commands print one JSON line). */
  result: Record<string, unknown> | undefined;
  stderr: string;
}

/** Runs `npm run db:backup|db:restore -- <args>` as its own process (the script, without npm). */
export function runDbScript(
  script: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<BackupCliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'ops', 'db', `${script}.ts`), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
        timeout: 180_000,
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
