import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { Teardown } from './teardown';

export interface SpawnLoggedOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Appended to: a restarted process continues the same file. */
  logFile: string;
  /** Run as this user (root may not run Postgres). */
  uid?: number;
  gid?: number;
}

/**
 * Spawns `command` in its own process group (so a Ctrl-C in the terminal reaches only the
 * drill, which stops everything in order), with stdout and stderr appended to `logFile`.
 */
export function spawnLogged(
  teardown: Teardown,
  command: string,
  args: string[],
  options: SpawnLoggedOptions,
): ChildProcess {
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      ...(options.uid !== undefined && { uid: options.uid }),
      ...(options.gid !== undefined && { gid: options.gid }),
    });
    child.on('error', () => undefined); // reported through hasExited/exit code instead
    teardown.track(child);
    return child;
  } finally {
    closeSync(fd); // the child holds its own copy
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once `child` has exited, false if it is still running after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** Sends `signal`, waits up to `timeoutMs`, then SIGKILLs; resolves once the child is gone. */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<'exited' | 'killed'> {
  if (hasExited(child)) return 'exited';
  child.kill(signal);
  if (await waitForExit(child, timeoutMs)) return 'exited';
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
  return 'killed';
}

/** The last `lines` lines of a log file, for error messages. */
export function tailOf(logFile: string, lines = 15): string {
  try {
    const text = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n  ');
  } catch {
    return '(no log)';
  }
}
