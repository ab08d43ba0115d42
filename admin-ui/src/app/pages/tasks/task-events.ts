import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { type Observable, Subject } from 'rxjs';
import { Api } from '../../core/api/api';
import { apiBaseUrl } from '../../core/api/api-base-url';
import { SessionRefresher } from '../../core/auth/session-refresher';

export type TaskChangeType = 'task.created' | 'task.updated' | 'task.deleted' | 'task.restored';

/** One change to a task the caller can see (the stream carries no task content). */
export interface TaskChange {
  type: TaskChangeType;
  id: string;
  version: number;
  occurredAt: string;
}

/** Emitted after the stream reconnected: changes may have been missed meanwhile. */
export interface StreamResumed {
  type: 'resync';
}

export type TaskStreamEvent = TaskChange | StreamResumed;
export type TaskStreamState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'stopped';

const CHANGE_TYPES: readonly string[] = [
  'task.created',
  'task.updated',
  'task.deleted',
  'task.restored',
];

/** The server sends a heartbeat every 25 s; silence for this long means a dead connection. */
export const STALL_TIMEOUT_MS = 60_000;

/** A task change from one SSE message, or null (heartbeats, unknown or malformed events). */
export function toTaskChange(message: EventSourceMessage): TaskChange | null {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const candidate = data as Record<string, unknown>;
  const type = candidate['type'];
  if (typeof type !== 'string' || !CHANGE_TYPES.includes(type)) return null;
  if (typeof candidate['id'] !== 'string' || typeof candidate['version'] !== 'number') return null;
  return {
    type: type as TaskChangeType,
    id: candidate['id'],
    version: candidate['version'],
    occurredAt: typeof candidate['occurredAt'] === 'string' ? candidate['occurredAt'] : '',
  };
}

/** Exponential backoff with jitter: ~1 s, 2 s, 4 s … capped at 30 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Reads an SSE body to its end, calling `onMessage` for each event and `onActivity` for each
 * chunk (heartbeats included). Resolves when the server ends the stream.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: EventSourceMessage) => void,
  onActivity: () => void = () => undefined,
): Promise<void> {
  const parser = createParser({ onEvent: onMessage });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onActivity();
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}

/**
 * The live task event stream (`GET /api/v1/tasks/events`), read with `fetch` because
 * `EventSource` cannot send the bearer token. Reconnects with backoff (waiting for the network
 * while offline), refreshes the session on a 401, and stops when its owner is destroyed:
 * provide it in the component that listens.
 */
@Injectable()
export class TaskEvents {
  private readonly api = inject(Api);
  private readonly refresher = inject(SessionRefresher);
  private readonly subject = new Subject<TaskStreamEvent>();
  private readonly current = signal<TaskStreamState>('stopped');
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private running = false;

  /** Changes as they happen, and `resync` after a reconnect. */
  readonly events: Observable<TaskStreamEvent> = this.subject.asObservable();
  readonly state = this.current.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  stop(): void {
    this.running = false;
    this.current.set('stopped');
    this.abort?.abort();
    this.wake?.();
    this.subject.complete();
  }

  private async run(): Promise<void> {
    let attempt = 0;
    let connectedBefore = false;
    while (this.running) {
      if (globalThis.navigator?.onLine === false) {
        this.current.set('offline');
        await this.sleep(null);
        continue;
      }
      this.current.set(connectedBefore ? 'reconnecting' : 'connecting');
      const outcome = await this.connect(() => {
        if (connectedBefore) this.subject.next({ type: 'resync' });
        connectedBefore = true;
        attempt = 0;
        this.current.set('live');
      });
      if (!this.running) break;
      if (outcome === 'unauthorized') {
        // The access token lapsed: one shared refresh; if the session is gone, the shell
        // sends the user to login through the next API call.
        const refreshed = await this.refresher.refresh();
        if (refreshed === 'refreshed') continue;
      }
      attempt += 1;
      this.current.set('reconnecting');
      await this.sleep(backoffDelay(attempt));
    }
  }

  /** One connection, until it ends; 'unauthorized' when the token was refused. */
  private async connect(onOpen: () => void): Promise<'ended' | 'unauthorized' | 'failed'> {
    const abort = new AbortController();
    this.abort = abort;
    let stall: ReturnType<typeof setTimeout> | undefined;
    const resetStall = () => {
      clearTimeout(stall);
      stall = setTimeout(() => abort.abort(), STALL_TIMEOUT_MS);
    };
    try {
      resetStall();
      const response = await fetch(`${apiBaseUrl()}/api/v1/tasks/events`, {
        headers: {
          ...this.api.authHeaders(),
          Accept: 'text/event-stream',
          // The service worker must not hold (or cache) a never-ending response.
          'ngsw-bypass': 'true',
        },
        cache: 'no-store',
        signal: abort.signal,
      });
      if (response.status === 401) return 'unauthorized';
      if (!response.ok || !response.body) return 'failed';
      onOpen();
      await readEventStream(
        response.body,
        (message) => {
          const change = toTaskChange(message);
          if (change && this.running) this.subject.next(change);
        },
        resetStall,
      );
      return 'ended';
    } catch {
      return 'failed';
    } finally {
      clearTimeout(stall);
      if (this.abort === abort) this.abort = null;
    }
  }

  /** Waits `ms` (or, with null, indefinitely) but wakes at once when the network returns or on stop. */
  private sleep(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        if (timer !== undefined) clearTimeout(timer);
        globalThis.removeEventListener?.('online', done);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = ms === null ? undefined : setTimeout(done, ms);
      this.wake = done;
      globalThis.addEventListener?.('online', done);
    });
  }
}
