import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AccessTokenStore } from '../../core/auth/access-token-store';
import {
  backoffDelay,
  readEventStream,
  type TaskStreamEvent,
  TaskEvents,
  toTaskChange,
} from './task-events';

const encoder = new TextEncoder();

/** A response body the test writes into, like a server holding an SSE stream open. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  return {
    body,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    /** What an aborted fetch does to its body. */
    abort: () => controller.error(new DOMException('The user aborted a request.', 'AbortError')),
  };
}

describe('task event stream', () => {
  it('parses events split across chunks, ignoring heartbeats and junk', async () => {
    const stream = controlledStream();
    const seen: string[] = [];
    const done = readEventStream(stream.body, (message) => {
      const change = toTaskChange(message);
      seen.push(
        change ? `${change.type} ${change.id} v${change.version}` : `skip ${message.event}`,
      );
    });
    stream.send('event: task.updated\ndata: {"type":"task.upd');
    stream.send('ated","id":"t1","version":4,"occurredAt":"2026-11-23T18:00:00Z"}\n\n');
    stream.send('event: heartbeat\ndata: {"type":"heartbeat"}\n\n');
    stream.send('event: task.created\ndata: not json\n\n');
    stream.send(
      'event: task.deleted\r\ndata: {"type":"task.deleted","id":"t2","version":2}\r\n\r\n',
    );
    stream.end();
    await done;
    expect(seen).toEqual([
      'task.updated t1 v4',
      'skip heartbeat',
      'skip task.created',
      'task.deleted t2 v2',
    ]);
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.5)).toBe(30_000);
    expect(backoffDelay(1, () => 0)).toBe(750);
    expect(backoffDelay(1, () => 1)).toBe(1250);
  });

  describe('TaskEvents', () => {
    @Component({
      selector: 'tt-listener',
      template: '',
      providers: [TaskEvents],
      changeDetection: ChangeDetectionStrategy.OnPush,
    })
    class Listener {
      readonly events = inject(TaskEvents);
    }

    afterEach(() => {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    });

    it('sends the bearer token past the service worker, emits changes, resyncs after a reconnect and stops on destroy', async () => {
      const streams: ReturnType<typeof controlledStream>[] = [];
      const requests: Request[] = [];
      vi.stubGlobal(
        'fetch',
        vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          requests.push(request);
          const stream = controlledStream();
          streams.push(stream);
          init?.signal?.addEventListener('abort', () => stream.abort());
          return new Response(stream.body, {
            status: 200,
            headers: { 'Content-Type': 'text/event-stream' },
          });
        }),
      );
      TestBed.inject(AccessTokenStore).set('access-token-1', 900);
      const fixture = TestBed.createComponent(Listener);
      const service = fixture.componentInstance.events;
      const received: TaskStreamEvent[] = [];
      service.events.subscribe((event) => received.push(event));
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      service.start();
      await vi.advanceTimersByTimeAsync(0);

      expect(requests).toHaveLength(1);
      expect(new URL(requests[0].url).pathname).toBe('/api/v1/tasks/events');
      expect(requests[0].headers.get('authorization')).toBe('Bearer access-token-1');
      expect(requests[0].headers.get('ngsw-bypass')).toBe('true');
      expect(requests[0].headers.get('accept')).toBe('text/event-stream');
      expect(service.state()).toBe('live');

      streams[0].send(
        'event: task.created\ndata: {"type":"task.created","id":"t9","version":1}\n\n',
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(received).toEqual([{ type: 'task.created', id: 't9', version: 1, occurredAt: '' }]);

      // The server goes away: reconnect after a backoff, then report that changes may be missed.
      streams[0].end();
      await vi.advanceTimersByTimeAsync(0);
      expect(service.state()).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(1_300);
      expect(requests).toHaveLength(2);
      expect(received.at(-1)).toEqual({ type: 'resync' });
      expect(service.state()).toBe('live');

      fixture.destroy();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(service.state()).toBe('stopped');
      expect(requests).toHaveLength(2);
    });
  });
});
