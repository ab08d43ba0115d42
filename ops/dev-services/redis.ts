import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DevServicesError } from './errors';
import { findExecutable } from './find-executable';
import type { ResolvedOptions } from './options';
import { type Endpoint, formatEndpoint, probeRedis } from './probe';
import { describeUrl, nothingToStop, type ResolvedService } from './resolved-service';
import { waitUntil } from './wait-until';

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL_LINES = 20;

/**
 * REDIS_URL if set; else a local Redis answering PING; else one already running on the port we
 * spawn on (e.g. `npm run dev:services` elsewhere); else spawn redis-server if installed.
 */
export async function resolveRedis(options: ResolvedOptions): Promise<ResolvedService> {
  if (options.redisUrl) {
    return {
      url: options.redisUrl,
      note: `Redis: using REDIS_URL (${describeUrl(options.redisUrl)})`,
      origin: 'REDIS_URL',
      stop: nothingToStop,
    };
  }

  const local = options.localRedis;
  let probed = 'local probe off';
  if (local) {
    const answer = await probeRedis(local);
    if (answer === 'pong') {
      return {
        url: urlOf(local),
        note: `Redis: using the local server on ${formatEndpoint(local)}`,
        origin: 'local server',
        stop: nothingToStop,
      };
    }
    probed =
      answer === 'error'
        ? `the Redis on ${formatEndpoint(local)} refuses PING (password?)`
        : `nothing answers on ${formatEndpoint(local)}`;
  }

  const own: Endpoint = { host: '127.0.0.1', port: options.spawnedRedisPort };
  if ((await probeRedis(own)) === 'pong') {
    return {
      url: urlOf(own),
      note: `Redis: ${probed}; using the one already running on ${formatEndpoint(own)} (not started here, left running)`,
      origin: 'already running',
      stop: nothingToStop,
    };
  }

  if (!options.startMissing) {
    throw new DevServicesError(
      `No Redis to use: REDIS_URL is not set, ${probed}, and none runs on ` +
        `${formatEndpoint(own)}. Start the app first (\`npm start\` in another terminal), or set REDIS_URL.`,
    );
  }
  const binary = findExecutable('redis-server', options.env.PATH);
  if (!binary) {
    throw new DevServicesError(
      `No Redis to use: REDIS_URL is not set, ${probed}, and redis-server is not on PATH. ` +
        `Either set REDIS_URL to a Redis you have, or install Redis (e.g. \`apt-get install redis-server\`).`,
    );
  }
  const dataDir = join(options.dataDir, 'redis');
  const stop = await spawnRedis(binary, own.port, dataDir);
  return {
    url: urlOf(own),
    note: `Redis: ${probed}; started redis-server on ${formatEndpoint(own)} (no persistence, dir ${dataDir})`,
    origin: 'redis-server, started here',
    stop: async () => {
      await stop();
      options.log(`Redis: stopped redis-server on ${formatEndpoint(own)}`);
    },
  };
}

/** Spawns redis-server and resolves, once it answers PING, with the function that stops it. */
async function spawnRedis(binary: string, port: number, dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const args = ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'];
  // Its own process group, so a Ctrl-C in the terminal reaches only us and Redis keeps serving
  // while the API drains; we stop it afterwards.
  const child = spawn(binary, [...args, '--dir', dir], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const remember = (chunk: Buffer) => {
    log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    log.splice(0, Math.max(0, log.length - LOG_TAIL_LINES));
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  // If this process exits without stop() (process.exit, a crash), don't leave Redis behind.
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      await terminate(child);
    })();
    return stopping;
  };

  const gone = () => spawnError !== undefined || hasExited(child);
  const ready = await waitUntil(
    async () => gone() || (await probeRedis({ host: '127.0.0.1', port })) === 'pong',
    READY_TIMEOUT_MS,
  );
  if (!ready || gone()) {
    await stop();
    const reason =
      spawnError?.message ?? (ready ? 'it exited' : `no PONG within ${READY_TIMEOUT_MS} ms`);
    throw new DevServicesError(
      `redis-server on 127.0.0.1:${port} did not start (${reason}). Its last output:\n  ` +
        `${log.join('\n  ')}\nIf the port is taken, set TT_DEV_REDIS_PORT; or set REDIS_URL.`,
    );
  }
  return stop;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM (Redis shuts down cleanly), SIGKILL if it hangs; resolves once it is gone. */
async function terminate(child: ChildProcess): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function urlOf(endpoint: Endpoint): string {
  return `redis://${formatEndpoint(endpoint)}`;
}
