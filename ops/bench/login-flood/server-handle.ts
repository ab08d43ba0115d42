import { closeSync, openSync } from 'node:fs';
import { forkChild, nextMessage, stopChild } from './children';
import type { ServerCommand, ServerReady, ServerUsage } from './protocol';
import {
  SERVER_CONFIG_ENV,
  SERVER_EMAIL_ENV,
  SERVER_TASKS_ENV,
  serverConfig,
  type ServerSettings,
} from './server-config';

export interface ServerHandle {
  ready: ServerReady;
  /** CPU time and peak RSS of the server process so far. */
  usage(): Promise<ServerUsage>;
  stop(): Promise<void>;
}

/** Forks server-child.ts and waits until it listens with its employee and tasks seeded. */
export async function startServer(
  settings: ServerSettings,
  seed: { email: string; tasks: number },
  logFile: string,
): Promise<ServerHandle> {
  const log = openSync(logFile, 'a');
  const proc = forkChild('server-child.ts', {
    env: {
      [SERVER_CONFIG_ENV]: JSON.stringify(serverConfig(settings)),
      [SERVER_EMAIL_ENV]: seed.email,
      [SERVER_TASKS_ENV]: String(seed.tasks),
    },
    // The app logs to stdout: at `warn`, a line per 4xx/5xx (so per refused login) and
    // each 5xx's error with its stack; to a file, to find the cause of an unexpected 5xx.
    stdout: log,
  });
  // The child has its own copy of the descriptor.
  closeSync(log);
  try {
    const ready = await nextMessage<ServerReady>(proc, 'ready', 180_000, 'server');
    return {
      ready,
      usage: () => {
        const answer = nextMessage<ServerUsage>(proc, 'usage', 30_000, 'server usage');
        const ask: ServerCommand = { type: 'usage' };
        proc.send(ask);
        return answer;
      },
      stop: () => stopChild(proc),
    };
  } catch (error) {
    await stopChild(proc, 1_000);
    throw error;
  }
}
