import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DevServicesError } from '../dev-services/errors';
import { waitUntil } from '../dev-services/wait-until';
import { hasExited, spawnLogged, stopChild, tailOf } from './child-process';
import { probeStatus } from './http/probe-status';
import type { Teardown } from './teardown';

const START_TIMEOUT_MS = 90_000;

export interface AppProcessSettings {
  name: string;
  role: 'api' | 'worker';
  port: number;
  /** The built entry point, `dist/api/src/main.js`. */
  main: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  logDir: string;
  /** SHUTDOWN_GRACE_MS of the process: how long a SIGTERM may take. */
  graceMs: number;
}

/** One API or worker process of the built app, which the drill can stop, kill and restart. */
export class AppProcess {
  private child: ChildProcess | undefined;
  private readonly logFile: string;
  /** Exits the drill did not cause (a crash); reported at the end. */
  unexpectedExits = 0;
  /** SIGTERMs that did not end in a clean exit (code 0) within the grace period. */
  readonly uncleanShutdowns: string[] = [];

  constructor(
    private readonly settings: AppProcessSettings,
    private readonly teardown: Teardown,
  ) {
    this.logFile = join(settings.logDir, `${settings.name}.log`);
  }

  get name(): string {
    return this.settings.name;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.settings.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && !hasExited(this.child);
  }

  /** Spawns it and resolves once it serves /health/live. */
  async start(): Promise<void> {
    const child = spawnLogged(this.teardown, process.execPath, [this.settings.main], {
      env: { ...this.settings.env, APP_ROLE: this.settings.role, PORT: String(this.settings.port) },
      cwd: this.settings.cwd,
      logFile: this.logFile,
    });
    this.child = child;
    child.once('exit', () => {
      if (this.child === child) this.unexpectedExits += 1;
    });
    const up = await waitUntil(
      async () => hasExited(child) || (await this.probe('live')) === 200,
      START_TIMEOUT_MS,
      200,
    );
    if (!up || hasExited(child)) {
      throw new DevServicesError(`${this.name} did not start:\n  ${tailOf(this.logFile)}`);
    }
  }

  /** Resolves whether /health/ready answered 200 within `timeoutMs`. */
  waitReady(timeoutMs: number): Promise<boolean> {
    return waitUntil(async () => (await this.probe('ready')) === 200, timeoutMs, 200);
  }

  /**
   * SIGTERM and wait for the drain to end (SIGKILL past the grace period plus a margin).
   * Resolves with how it ended, e.g. `code 0 after 1.2 s`; anything but code 0 is unclean.
   */
  async terminate(): Promise<string> {
    const child = this.child;
    const startedAt = Date.now();
    const how = await this.stopWith('SIGTERM', this.settings.graceMs + 5_000);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    if (!child) return 'not running';
    const ended = how === 'killed' ? 'SIGKILLed' : (child.signalCode ?? `code ${child.exitCode}`);
    const summary = `${ended} after ${seconds} s`;
    if (how === 'killed' || child.exitCode !== 0) this.uncleanShutdowns.push(summary);
    return summary;
  }

  /** SIGKILL: a crash, as far as the rest of the system can tell. */
  async kill(): Promise<void> {
    await this.stopWith('SIGKILL', 5_000);
  }

  /** The exit code of the last run, once it has exited (for the report). */
  get lastExit(): string {
    const child = this.child;
    if (!child || !hasExited(child)) return 'running';
    return child.signalCode ?? `code ${child.exitCode}`;
  }

  logTail(lines = 15): string {
    return tailOf(this.logFile, lines);
  }

  private async stopWith(signal: NodeJS.Signals, timeoutMs: number) {
    const child = this.child;
    this.child = undefined; // an exit from here on is ours, not a crash
    if (!child) return 'exited';
    return stopChild(child, signal, timeoutMs);
  }

  private probe(which: 'live' | 'ready'): Promise<number | undefined> {
    return probeStatus(`${this.baseUrl}/api/v1/health/${which}`, 1_000);
  }
}
