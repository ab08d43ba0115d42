import { parseArgs } from 'node:util';
import { UsageError } from '../cli/cli-failure';

export const USAGE = `Usage: npm run drill [-- --duration-seconds N] [--concurrency N] [--log-level LEVEL]
Starts its own Postgres and Redis (free loopback ports, temporary data), two API processes and a
worker, puts task writes on both APIs and meanwhile: restarts one API (SIGTERM), kills and
restarts the worker (SIGKILL), stops Redis for 10 s, restarts Postgres (fast shutdown). Then
reconciles acknowledged writes against Postgres and the audit chain and verifies the chain.
Exits 0 when every pass criterion holds, 1 when one fails (the report says which), 2 on misuse.

  --duration-seconds N   length of the load, the faults spread over it (default 100, 40-600)
  --concurrency N        writers running at once (default 8, 1-64)
  --log-level LEVEL      LOG_LEVEL of the app processes (default warn); their logs are kept
                         under .data/drill/ when the drill fails
  --keep-logs            keep the app and service logs under .data/drill/ even when it passes`;

export interface DrillOptions {
  durationSeconds: number;
  concurrency: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  keepLogs: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;

/** The drill's options from argv (without node and the script); `null` when --help was asked. */
export function parseDrillOptions(argv: string[]): DrillOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      'duration-seconds': { type: 'string' },
      concurrency: { type: 'string' },
      'log-level': { type: 'string' },
      'keep-logs': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return null;
  const logLevel = values['log-level'] ?? 'warn';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    durationSeconds: wholeNumber('--duration-seconds', values['duration-seconds'], 100, 40, 600),
    concurrency: wholeNumber('--concurrency', values.concurrency, 8, 1, 64),
    logLevel: logLevel as DrillOptions['logLevel'],
    keepLogs: values['keep-logs'] ?? false,
  };
}

function wholeNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`${name} must be a whole number between ${min} and ${max}`);
  }
  return value;
}
