import { randomUUID } from 'node:crypto';
import { createUser, TestUser } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface ReceivedEvent {
  event: string;
  data: { type: string; id?: string; version?: number };
}

/** Reads an SSE stream in the background, collecting parsed events until closed. */
async function openStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/tasks/events`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: ReceivedEvent[] = [];
  const reading = (async (): Promise<'server' | 'aborted'> => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const data = field('data');
          if (data)
            events.push({
              event: field('event') ?? 'message',
              data: JSON.parse(data) as ReceivedEvent['data'],
            });
        }
      }
    } catch {
      return 'aborted'; // by close()
    }
    return 'server';
  })();
  return {
    response,
    events,
    /** Who ended the stream: the server (it finished the response) or our `close()`. */
    ended: reading,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

describe('task events over SSE across replicas (e2e)', () => {
  let replicaA: TestApp;
  let replicaB: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    // Two API processes' worth of app on one Postgres and one Redis: only Redis connects them.
    replicaA = await startTestApp({ role: 'api' });
    replicaB = await startTestApp({ role: 'api' });
    [alice, bob, carol, admin] = await Promise.all([
      createUser(replicaA),
      createUser(replicaA),
      createUser(replicaA),
      createUser(replicaA, { roles: ['admin'] }),
    ]);
  });
  afterAll(async () => {
    await replicaA.close();
    await replicaB.close();
  });

  it('delivers a change made on one replica to the streams of those who can see it on another', async () => {
    const bobStream = await openStream(replicaB.baseUrl, bob.accessToken);
    const carolStream = await openStream(replicaB.baseUrl, carol.accessToken);
    const adminStream = await openStream(replicaB.baseUrl, admin.accessToken);
    try {
      expect(bobStream.response.status).toBe(200);
      expect(bobStream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

      const { data: task } = await alice.client.POST('/api/v1/tasks', {
        body: { title: `Shared ${randomUUID()}`, assigneeId: bob.userId },
      });
      await alice.client.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id: task!.id } },
        body: { status: 'in_progress' },
      });
      // Carol's own task proves her stream works, so the absence of Alice's task is meaningful.
      const { data: carols } = await carol.client.POST('/api/v1/tasks', {
        body: { title: 'Carol’s own' },
      });

      const forTask = (stream: { events: ReceivedEvent[] }, id: string) =>
        stream.events.filter((e) => e.data.id === id).map((e) => `${e.event}@${e.data.version}`);
      await waitFor(
        () => Promise.resolve(forTask(bobStream, task!.id).length === 2 ? true : undefined),
        10_000,
        'Bob to receive both events',
      );
      await waitFor(
        () =>
          Promise.resolve(
            forTask(adminStream, carols!.id).length === 1 &&
              forTask(carolStream, carols!.id).length === 1
              ? true
              : undefined,
          ),
        10_000,
        'admin and Carol to receive Carol’s event',
      );
      expect(forTask(bobStream, task!.id)).toEqual(['task.created@1', 'task.updated@2']);
      expect(forTask(adminStream, task!.id)).toEqual(['task.created@1', 'task.updated@2']);
      expect(forTask(carolStream, task!.id)).toEqual([]);
      expect(forTask(bobStream, carols!.id)).toEqual([]);
    } finally {
      await Promise.all([bobStream.close(), carolStream.close(), adminStream.close()]);
    }
  });

  it('ends open streams when the app shuts down, so a rolling deploy is not held up', async () => {
    const replicaC = await startTestApp({ role: 'api' });
    const stream = await openStream(replicaC.baseUrl, bob.accessToken);
    expect(stream.response.status).toBe(200);
    // Without this, the heartbeat keeps the response open and close() waits until the
    // shutdown grace period kills the process (exit code 1).
    await replicaC.close();
    expect(await stream.ended).toBe('server');
  });

  it('refuses the stream without credentials', async () => {
    const response = await fetch(`${replicaB.baseUrl}/api/v1/tasks/events`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
