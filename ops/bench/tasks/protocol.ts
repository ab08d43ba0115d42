/** Shared by the tasks benchmark driver and its two server child processes. */

export const LOOPBACK = '127.0.0.1';

/** Same pool size for both servers (the app's DATABASE_POOL_SIZE default). */
export const PG_POOL_MAX = 10;

export type ChildMessage = { type: 'ready'; port: number } | { type: 'fatal'; message: string };

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && 'type' in value;
}

/** The body every create request sends, to both servers. */
export const CREATE_BODY = {
  title: 'Benchmark task',
  description: 'Created by npm run bench:tasks',
  priority: 'high',
  labels: ['bench'],
} as const;
