/**
 * A small TaskTrackr integration written against a client that @hey-api/openapi-ts generates
 * from libs/sdk/openapi.json: a generator other than ours, so the spec is proven usable as
 * integrators use it. `api/test/contract-second-generator.e2e-spec.ts` generates the client into `./generated`
 * (next to a copy of this file, in a git-ignored folder), compiles both with
 * `tsc --strict --noEmit` and runs this file against a real app. The types carry the proof:
 * `TaskSort.CREATED_AT_DESC` needs `x-enum-varnames`, `conflict.currentVersion` needs the 412
 * body typed as PreconditionFailedProblem, and the stream needs `text/event-stream`.
 *
 * Run by hand: TASKTRACKR_URL=… TASKTRACKR_EMAIL=… TASKTRACKR_PASSWORD=… node program.js
 * It prints one JSON line: what it saw.
 */
import { createClient, createConfig } from './generated/client';
import {
  createTask,
  listTasks,
  login,
  streamTaskEvents,
  TaskEventType,
  TaskSort,
  updateTask,
  type TaskEvent,
  type UpdateTaskError,
  type UpdateTaskErrors,
} from './generated';

export interface ProgramInput {
  baseUrl: string;
  email: string;
  password: string;
}

export interface ProgramResult {
  signedInAs: string;
  created: Array<{ id: string; version: number; etag: string | null }>;
  /** Ids from `listTasks` sorted by `-createdAt`. */
  newestFirst: string[];
  conflict: { status: number; type: string; currentVersion: number; currentETag: string };
  /** The event the stream delivered for a change this program made. */
  event: TaskEvent;
}

/** The 412 of `updateTask`: its own type in the generated client, with `currentVersion`. */
function isStale(status: number, _error: UpdateTaskError): _error is UpdateTaskErrors[412] {
  return status === 412;
}

const EVENT_TYPES: readonly string[] = Object.values(TaskEventType);

/**
 * One `data:` of the event stream. The spec types the stream as text whose events carry
 * TaskEvent JSON; this client already parses JSON data, other SSE readers hand over the text.
 */
function taskEventOf(data: unknown): TaskEvent | undefined {
  const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
  if (typeof value !== 'object' || value === null) return undefined;
  const event = value as Partial<Record<keyof TaskEvent, unknown>>;
  if (typeof event.type !== 'string' || !EVENT_TYPES.includes(event.type)) return undefined;
  return value as TaskEvent;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runProgram(input: ProgramInput): Promise<ProgramResult> {
  const client = createClient(createConfig({ baseUrl: input.baseUrl }));

  const signedIn = await login({ client, body: { email: input.email, password: input.password } });
  if (!signedIn.data) throw new Error(`login failed with ${signedIn.response.status}`);
  // The generated functions list the bearer schemes they accept; `auth` supplies the token.
  client.setConfig({ auth: signedIn.data.accessToken });

  const created: ProgramResult['created'] = [];
  for (const title of ['Second generator: older', 'Second generator: newer']) {
    const result = await createTask({ client, body: { title, priority: 'high' } });
    if (!result.data) throw new Error(`createTask failed with ${result.response.status}`);
    const { id, version } = result.data;
    created.push({ id, version, etag: result.response.headers.get('etag') });
  }
  const [, newer] = created;
  if (!newer?.etag) throw new Error('createTask sent no ETag');

  const page = await listTasks({ client, query: { sort: TaskSort.CREATED_AT_DESC, limit: 100 } });
  if (!page.data) throw new Error(`listTasks failed with ${page.response.status}`);
  const newestFirst = page.data.items.map((task) => task.id);

  // Change the task, then send the ETag it had before: a stale If-Match is a 412.
  const changed = await updateTask({
    client,
    path: { id: newer.id },
    headers: { 'If-Match': newer.etag },
    body: { status: 'in_progress' },
  });
  if (!changed.data) throw new Error(`updateTask failed with ${changed.response.status}`);
  const stale = await updateTask({
    client,
    path: { id: newer.id },
    headers: { 'If-Match': newer.etag },
    body: { status: 'done' },
  });
  if (stale.error === undefined || !isStale(stale.response.status, stale.error)) {
    throw new Error(`a stale If-Match answered ${stale.response.status}, not 412`);
  }
  const conflict = {
    status: stale.response.status,
    type: stale.error.type,
    currentVersion: stale.error.currentVersion,
    currentETag: stale.error.currentETag,
  };

  // Listen, and change the task until the change comes through (the subscription is ready
  // some time after the request; there is no "connected" signal to wait for).
  const stop = new AbortController();
  const { stream } = await streamTaskEvents({
    client,
    signal: stop.signal,
    sseMaxRetryAttempts: 1,
  });
  const delivered = (async (): Promise<TaskEvent> => {
    for await (const data of stream) {
      const event = taskEventOf(data);
      if (event?.type === TaskEventType.TASK_UPDATED && event.id === newer.id) return event;
    }
    throw new Error('the event stream ended before the change arrived');
  })();
  let event: TaskEvent | undefined;
  void delivered.then((value) => (event = value)).catch(() => undefined);
  try {
    for (let attempt = 1; attempt <= 20 && !event; attempt += 1) {
      const renamed = await updateTask({
        client,
        path: { id: newer.id },
        body: { title: `Second generator: newer (${attempt})` },
      });
      if (!renamed.data) throw new Error(`updateTask failed with ${renamed.response.status}`);
      await Promise.race([delivered.then(() => undefined), sleep(500)]);
    }
  } finally {
    stop.abort();
  }
  if (!event) throw new Error('no task.updated event arrived within 10 s');

  return { signedInAs: signedIn.data.user.email, created, newestFirst, conflict, event };
}

if (require.main === module) {
  const { TASKTRACKR_URL, TASKTRACKR_EMAIL, TASKTRACKR_PASSWORD } = process.env;
  if (!TASKTRACKR_URL || !TASKTRACKR_EMAIL || !TASKTRACKR_PASSWORD) {
    process.stderr.write('Set TASKTRACKR_URL, TASKTRACKR_EMAIL and TASKTRACKR_PASSWORD.\n');
    process.exit(2);
  }
  runProgram({ baseUrl: TASKTRACKR_URL, email: TASKTRACKR_EMAIL, password: TASKTRACKR_PASSWORD })
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
