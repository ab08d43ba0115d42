import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The real witness program (`ops/witness/main.ts`, what `npm run audit:witness` runs) as a
 * child process on a free loopback port. Its output is kept for assertions and failures.
 */
export class WitnessProcess {
  private child: ChildProcess | undefined;
  private output = '';
  url = '';
  vkey = '';

  /** `listen`: HOST:PORT; a fixed port lets a restarted witness keep its URL. */
  constructor(
    private readonly args: string[],
    private readonly listen = '127.0.0.1:0',
  ) {}

  async start(): Promise<void> {
    this.output = '';
    this.url = '';
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        join(ROOT, 'ops', 'witness', 'main.ts'),
        '--listen',
        this.listen,
        ...this.args,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-50_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const { value } = await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`witness exited:\n${this.output}`);
        return Promise.resolve(/listening on (\S+)/.exec(this.output)?.[1]);
      },
      // ts-node compiles it on start: ~8 s alone, much longer on a loaded shared machine.
      120_000,
      'the witness to listen',
    );
    this.url = value;
    this.vkey = /witness vkey (\S+)/.exec(this.output)?.[1] ?? '';
  }

  get log(): string {
    return this.output;
  }

  async addCheckpoint(body: string): Promise<{ status: number; type: string; body: string }> {
    const res = await fetch(`${this.url}/add-checkpoint`, { method: 'POST', body });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: await res.text(),
    };
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
