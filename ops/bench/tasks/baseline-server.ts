/**
 * Child process: the baseline. A minimal `node:http` + `pg` server running the same SQL as the
 * API on the same data (TasksRepository's list query and INSERT, taken as text and run on a
 * plain `pg` Pool, plus an audit outbox row in the same transaction), with no framework, no
 * authentication and no validation. The caller is fixed per path: `/employee/...` or
 * `/admin/...`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import {
  decodeCursor,
  encodeCursor,
  queryFingerprint,
} from '../../../api/src/common/pagination/cursor';
import {
  TasksRepository,
  taskCursorKeys,
  toTaskDto,
  type TaskFilters,
  type TaskListRow,
  type TaskPriority,
  type TaskRow,
  type TaskStatus,
} from '../../../api/src/tasks';
import { LOOPBACK, PG_POOL_MAX, type ChildMessage } from './protocol';

const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: PG_POOL_MAX });
const users = {
  employee: process.env.BENCH_EMPLOYEE_ID ?? '',
  admin: process.env.BENCH_ADMIN_ID ?? '',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

async function list(res: ServerResponse, who: 'employee' | 'admin', params: URLSearchParams) {
  const limit = Number(params.get('limit') ?? 25);
  const sort = '-createdAt' as const;
  const filters: TaskFilters = {};
  const statuses = params.getAll('status') as TaskStatus[];
  if (statuses.length) filters.status = statuses;
  const q = params.get('q');
  if (q) filters.q = q;
  const fingerprint = queryFingerprint({ sort, ...filters });
  const cursor = params.get('cursor');
  const after = cursor ? decodeCursor(cursor, fingerprint, taskCursorKeys(sort)) : undefined;
  const rows: TaskListRow[] = await TasksRepository.listPage(
    async <Row>(query: { text: string; values: unknown[] }) =>
      (await pool.query(query)).rows as Row[],
    {
      viewer: { userId: users[who], seesAll: who === 'admin' },
      filters,
      sort,
      fetch: limit + 1,
      after,
    },
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  send(res, 200, {
    items: page.map(toTaskDto),
    nextCursor:
      rows.length > limit && last ? encodeCursor(fingerprint, [last.sort_key, last.id]) : null,
  });
}

async function create(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk as Uint8Array));
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    title: string;
    description?: string;
    priority?: TaskPriority;
    labels?: string[];
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<TaskRow>(
      TasksRepository.insertQuery({
        title: body.title,
        description: body.description ?? '',
        status: 'todo',
        priority: body.priority ?? 'medium',
        dueAt: null,
        assigneeId: null,
        labels: body.labels ?? [],
        ownerId: users.employee,
      }),
    );
    const task = toTaskDto(rows[0]);
    await client.query(
      `INSERT INTO audit_outbox (action, actor_type, actor_id, actor_display, target_type, target_id, changes, outcome)
       VALUES ('task.created', 'user', $1, 'baseline', 'task', $2, $3, 'success')`,
      [users.employee, task.id, JSON.stringify({ title: { after: task.title } })],
    );
    await client.query('COMMIT');
    res.setHeader('location', `/tasks/${task.id}`);
    send(res, 201, task);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
  if (url.pathname === '/live') return send(res, 200, { status: 'ok' });
  const match = /^\/(employee|admin)\/tasks$/.exec(url.pathname);
  const work =
    match && req.method === 'GET'
      ? list(res, match[1] as 'employee' | 'admin', url.searchParams)
      : match && req.method === 'POST'
        ? create(req, res)
        : Promise.resolve(send(res, 404, { error: 'not found' }));
  work.catch((error: unknown) => send(res, 500, { error: String(error) }));
});

server.listen(0, LOOPBACK, () => {
  const { port } = server.address() as { port: number };
  const ready: ChildMessage = { type: 'ready', port };
  process.send?.(ready);
});
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
