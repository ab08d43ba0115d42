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
): Promise<ServerHandle> {
  const proc = forkChild('server-child.ts', {
    env: {
      [SERVER_CONFIG_ENV]: JSON.stringify(serverConfig(settings)),
      [SERVER_EMAIL_ENV]: seed.email,
      [SERVER_TASKS_ENV]: String(seed.tasks),
    },
    // The request log (a line per 5xx at `warn`: every refused login) goes to stdout.
    stdout: 'ignore',
  });
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
