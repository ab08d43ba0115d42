import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DevServicesError } from '../dev-services/errors';
import { findExecutable } from '../dev-services/find-executable';
import { probeRedis } from '../dev-services/probe';
import { waitUntil } from '../dev-services/wait-until';
import { hasExited, spawnLogged, stopChild, tailOf } from './child-process';
import type { Teardown } from './teardown';

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * A redis-server of the drill's own on 127.0.0.1, without persistence (like `npm start`'s): a
 * stop loses its queued jobs, which is part of what the drill checks the app survives.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private readonly binary: string;
  private readonly logFile: string;

  constructor(
    private readonly teardown: Teardown,
    readonly port: number,
    private readonly folder: string,
    logDir: string,
  ) {
    const binary = findExecutable('redis-server');
    if (!binary) {
      throw new DevServicesError(
        'The drill runs its own Redis, but redis-server is not on PATH. Install it ' +
          '(`apt-get install redis-server`).',
      );
    }
    this.binary = binary;
    this.logFile = join(logDir, 'redis.log');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const child = spawnLogged(this.teardown, this.binary, [...args, '--dir', this.folder], {
      env: { PATH: process.env.PATH },
      cwd: this.folder,
      logFile: this.logFile,
    });
    this.child = child;
    const ready = await waitUntil(
      async () =>
        hasExited(child) || (await probeRedis({ host: '127.0.0.1', port: this.port })) === 'pong',
      READY_TIMEOUT_MS,
    );
    if (!ready || hasExited(child)) {
      throw new DevServicesError(
        `redis-server on 127.0.0.1:${this.port} did not start:\n  ${tailOf(this.logFile)}`,
      );
    }
  }

  /** SIGTERM: Redis closes its clients and exits (nothing to save). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child) await stopChild(child, 'SIGTERM', STOP_TIMEOUT_MS);
  }
}
