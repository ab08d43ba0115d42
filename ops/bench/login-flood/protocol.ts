/** IPC between the login-flood driver and its two kinds of child process. */
import type { LoadSummary } from './summary';

export const LOOPBACK = '127.0.0.1';

/** One load run, as the parent asks the flood child for it. */
export interface LoadSpec {
  port: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  warmupS: number;
  durationS: number;
}

export interface Fatal {
  type: 'fatal';
  message: string;
}

/** The server child is listening and its employee is seeded. */
export interface ServerReady {
  type: 'ready';
  port: number;
  email: string;
  password: string;
  accessToken: string;
  tasks: number;
}

/** The server's own resource use (the whole process, libuv's hashing threads included). */
export interface ServerUsage {
  type: 'usage';
  cpuMicros: number;
  maxRssKiB: number;
}

export type ServerMessage = ServerReady | ServerUsage | Fatal;
export type ServerCommand = { type: 'usage' };

export type FloodCommand = { type: 'run'; spec: LoadSpec };
export type FloodMessage = { type: 'ready' } | { type: 'result'; summary: LoadSummary } | Fatal;

/** Messages are checked only by their `type`: both ends are this code, in this checkout. */
export function hasType<T extends { type: string }>(value: unknown, type: T['type']): value is T {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === type;
}

export function fatalOf(error: unknown): Fatal {
  return {
    type: 'fatal',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
}
