import { connect } from 'node:net';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { requestIdFor } from './request-id';
import { logRequests } from './request-log';
import { scopeLogsToRequests } from './request-scope';
import { createRootLogger } from './root-logger';

type Line = Record<string, unknown>;

/** Fastify with our request-log hooks and root logger at `level`, writing lines to `lines`. */
function appLogging(level: string, lines: Line[], status = 200): FastifyInstance {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString().split('\n').filter(Boolean);
      lines.push(...text.map((line) => JSON.parse(line) as Line));
      done();
    },
  });
  const logger = createRootLogger(level, sink);
  const app = Fastify({ genReqId: requestIdFor });
  scopeLogsToRequests(app);
  logRequests(app, logger);
  const handler = async (request: object, reply: { header(k: string, v: string): unknown }) => {
    (request as { principal?: { userId: string } }).principal = { userId: 'user-42' };
    await new Promise((resolve) => setImmediate(resolve)); // lines after an await keep the id
    logger.warn({ body: { token: 'secret-in-body' } }, 'inside the request');
    reply.header('Set-Cookie', 'refresh=secret-refresh; HttpOnly');
    return {};
  };
  app.get('/api/v1/tasks', async (request, reply) => {
    const body = await handler(request, reply);
    return reply.code(status).send(body);
  });
  app.post('/api/v1/tasks', handler);
  app.get('/api/v1/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return {};
  });
  app.get('/api/v1/health/live', async () => ({ status: 'ok' }));
  return app;
}

const CREDENTIALS = { authorization: 'Bearer secret-token', cookie: 'refresh=secret-cookie' };

async function linesFor(level: string, status = 200, method: 'GET' | 'POST' = 'GET') {
  const lines: Line[] = [];
  const app = appLogging(level, lines, status);
  const res = await app.inject({
    method,
    url: '/api/v1/tasks?limit=5',
    headers: { ...CREDENTIALS, 'x-request-id': 'req-1' },
    ...(method === 'POST' ? { payload: { title: 'x' } } : {}),
  });
  await app.close();
  return { lines, res, requestLine: lines[lines.length - 1] ?? {} };
}

describe('request log line', () => {
  it('at info: method, path, status, duration, request id and user id; no headers', async () => {
    const { requestLine } = await linesFor('info');
    expect(requestLine).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^GET \/api\/v1\/tasks\?limit=5 200 \d+ms$/) as unknown,
      reqId: 'req-1',
      req: { method: 'GET', url: '/api/v1/tasks?limit=5' },
      res: { statusCode: 200 },
      userId: 'user-42',
    });
    expect(typeof requestLine.responseTime).toBe('number');
    const raw = JSON.stringify(requestLine);
    expect(raw).not.toMatch(/headers|secret/);
    expect(raw.length).toBeLessThan(400);
  });

  it('at debug: headers too, with credentials redacted', async () => {
    const { lines, requestLine } = await linesFor('debug');
    expect(requestLine).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      res: { headers: { 'set-cookie': '[redacted]' } },
    });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it.each(['GET', 'POST'] as const)(
    'lines written inside a %s request carry its id, with credentials redacted',
    async (method) => {
      const { lines } = await linesFor('info', 200, method);
      expect(lines[0]).toMatchObject({ msg: 'inside the request', reqId: 'req-1' });
      expect(lines[0]).toMatchObject({ body: { token: '[redacted]' } });
    },
  );

  it.each([
    [500, 50, 'GET /api/v1/tasks?limit=5 500 failed: failed with status code 500'],
    [503, 40, 'GET /api/v1/tasks?limit=5 503 failed: failed with status code 503'],
    [404, 40, undefined],
  ])('a %i is logged at level %i', async (status, level, msg) => {
    const { requestLine } = await linesFor('info', status);
    expect(requestLine).toMatchObject({ level, res: { statusCode: status } });
    if (msg)
      expect(requestLine).toMatchObject({ msg, err: { message: expect.any(String) as unknown } });
  });

  it('writes no request line for probes, nor below its level', async () => {
    const lines: Line[] = [];
    const app = appLogging('info', lines);
    await app.inject({ url: '/api/v1/health/live' });
    await app.close();
    expect(lines).toEqual([]);
    const { lines: warnOnly } = await linesFor('error');
    expect(warnOnly).toEqual([]);
  });
});

describe('request aborted by the client', () => {
  it('is logged as a warning with its method and path (there is no response line)', async () => {
    const lines: Line[] = [];
    const app = appLogging('info', lines);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    socket.write('GET /api/v1/slow HTTP/1.1\r\nHost: x\r\nX-Request-Id: req-abort\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await app.close();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        aborted: true,
        reqId: 'req-abort',
        msg: 'GET /api/v1/slow aborted by the client',
      }),
    );
  });
});
