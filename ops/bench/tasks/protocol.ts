/** Shared by the tasks benchmark driver and its two server child processes. */

export const LOOPBACK = '127.0.0.1';

/** Same pool size for both servers (the app's DATABASE_POOL_SIZE default). */
export const PG_POOL_MAX = 10;

/** Child → driver. */
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'fatal'; message: string }
  | { type: 'profile-written'; path: string };

/** Driver → API child, only when it was started with `BENCH_CPU_PROF_DIR`. */
export type ProfileCommand = { type: 'profile-start' } | { type: 'profile-stop'; name: string };

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && 'type' in value;
}

export function isProfileCommand(value: unknown): value is ProfileCommand {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  return value.type === 'profile-start' || value.type === 'profile-stop';
}

/** The body every create request sends, to both servers. */
export const CREATE_BODY = {
  title: 'Benchmark task',
  description: 'Created by npm run bench:tasks',
  priority: 'high',
  labels: ['bench'],
} as const;
