import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../../ops/dev-services/free-port';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * A real API replica in a process of its own (`APP_ROLE=api`, the production entry point under
 * ts-node) on a free loopback port, with this run's database and Redis prefix unless `env`
 * says otherwise. Its output is kept for the failure message.
 */
export class ApiProcess {
  private child: ChildProcess | undefined;
  private output = '';
  baseUrl = '';

  /** `entry`: the script to run, main.ts unless a test needs its own (e.g. traced-main.ts). */
  constructor(
    private readonly env: Record<string, string> = {},
    private readonly entry = join(ROOT, 'api', 'src', 'main.ts'),
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', this.entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'test',
        APP_ROLE: 'api',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    await waitFor(
      async () => {
        if (!this.running) throw new Error(`API process exited:\n${this.output}`);
        const live = await fetch(`${this.baseUrl}/api/v1/health/live`).catch(() => undefined);
        return live?.status === 200 ? true : undefined;
      },
      120_000,
      `the API process on ${this.baseUrl} to serve`,
    );
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** SIGTERM (a graceful shutdown), then SIGKILL if it has not exited within 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /** This process's count of principal cache lookups with `result`, from `/metrics`. */
  async cacheLookups(result: 'hit' | 'miss' | 'bypass'): Promise<number> {
    const text = await (await fetch(`${this.baseUrl}/metrics`)).text();
    const match = new RegExp(
      `^auth_principal_cache_lookups_total\\{[^}]*result="${result}"[^}]*\\} (\\d+)`,
      'm',
    ).exec(text);
    return Number(match?.[1] ?? 0);
  }
}
