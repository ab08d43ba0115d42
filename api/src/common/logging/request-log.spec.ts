import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { rememberUserIdForLog, requestLogOptions } from './request-log';

/** Serves one route through pino-http configured for `level`, writing log lines to `lines`. */
async function serve(level: string, lines: string[]): Promise<Server> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const log = pinoHttp(requestLogOptions(level), sink);
  const server = createServer((req, res) => {
    log(req, res);
    rememberUserIdForLog(req, 'user-42');
    res.setHeader('Set-Cookie', 'refresh=secret-refresh; HttpOnly');
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function call(server: Server): Promise<void> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        port,
        path: '/api/v1/tasks?limit=5',
        headers: { authorization: 'Bearer secret-token', cookie: 'refresh=secret-cookie' },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function lineFor(level: string): Promise<{ raw: string; parsed: Record<string, unknown> }> {
  const lines: string[] = [];
  const server = await serve(level, lines);
  try {
    await call(server);
    // pino-http logs on the response's finish, which may land just after the client's end.
    for (let i = 0; i < 50 && lines.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const raw = lines[lines.length - 1] ?? '';
  return { raw, parsed: JSON.parse(raw) as Record<string, unknown> };
}

describe('request log line', () => {
  it('at info: method, path, status, duration, request id and user id; no headers', async () => {
    const { raw, parsed } = await lineFor('info');
    expect(parsed).toMatchObject({
      level: 30,
      msg: expect.stringMatching(/^GET \/api\/v1\/tasks\?limit=5 200 \d+ms$/) as unknown,
      req: { method: 'GET', url: '/api/v1/tasks?limit=5' },
      res: { statusCode: 200 },
      userId: 'user-42',
    });
    expect(typeof parsed.reqId).toBe('string');
    expect(typeof parsed.responseTime).toBe('number');
    expect(raw).not.toMatch(/headers|secret/);
    expect(raw.length).toBeLessThan(400);
  });

  it('at debug: headers too, with credentials redacted', async () => {
    const { raw, parsed } = await lineFor('debug');
    expect(parsed).toMatchObject({
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      res: { headers: { 'set-cookie': '[redacted]' } },
    });
    expect(raw).not.toContain('secret');
  });
});
