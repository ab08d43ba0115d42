import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A libpq connection for pg_dump / pg_restore: the URL without its password (which would show
 * in `ps`), and the password in PGPASSWORD.
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: parsed.toString(), env };
}

export interface ToolRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines of its stderr, for the failure message. */
  stderrTail: string[];
}

/** Runs a client tool to completion; each stderr line goes to `onLine`, stdout is ignored. */
export function runTool(
  path: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void = () => undefined,
  onStart: (kill: () => void) => void = () => undefined,
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    onStart(() => child.kill('SIGTERM'));
    const tail: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      onLine(line);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderrTail: tail }));
  });
}

/** "pg_dump exited with code 1: <its last error lines>" */
export function describeToolFailure(name: string, run: ToolRun): string {
  const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.code}`;
  const errors = run.stderrTail.filter((line) => /error|fatal|could not/i.test(line));
  const shown = (errors.length > 0 ? errors : run.stderrTail).slice(-5).join(' | ');
  return `${name} ${how}${shown ? `: ${shown}` : ''}`;
}
