import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { hasType, type Fatal } from './protocol';

const ROOT = resolve(__dirname, '..', '..', '..');

/** Every child this benchmark forked and that is still running, so none outlives it. */
const children = new Set<ChildProcess>();

const alive = (proc: ChildProcess) => proc.exitCode === null && proc.signalCode === null;

/** SIGKILL, synchronously: for exit and signal handlers, where nothing can be awaited. */
export function killAllChildren(): void {
  for (const proc of children) if (alive(proc)) proc.kill('SIGKILL');
}

/**
 * Forks a TypeScript entry of this folder under ts-node (as the other benchmarks do), with an
 * IPC channel. Its stdout may go to a file (a descriptor): the server's log goes there.
 */
export function forkChild(
  file: string,
  { env = {}, stdout = 'inherit' }: { env?: Record<string, string>; stdout?: 'inherit' | number },
): ChildProcess {
  const proc = fork(join(__dirname, file), [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}

/**
 * The next message of `type` from `proc`; rejects on a `fatal` message, on exit, or after
 * `timeoutMs`, so a broken child fails the run instead of hanging it.
 */
export function nextMessage<T extends { type: string }>(
  proc: ChildProcess,
  type: T['type'],
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(
      () => done(new Error(`${what}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    function onMessage(message: unknown) {
      if (hasType<T>(message, type)) done(undefined, message);
      else if (hasType<Fatal>(message, 'fatal')) done(new Error(`${what}: ${message.message}`));
    }
    function onExit(code: number | null, signal: string | null) {
      done(new Error(`${what}: child exited (code ${code}, signal ${signal})`));
    }
    function done(error: Error | undefined, message?: T) {
      clearTimeout(timer);
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      if (error || !message) reject(error ?? new Error(`${what}: no message`));
      else resolvePromise(message);
    }
    proc.on('message', onMessage);
    proc.once('exit', onExit);
  });
}

/** SIGTERM (the child closes its app), then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(proc: ChildProcess, graceMs = 10_000): Promise<void> {
  if (!alive(proc)) return;
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
