import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  OutboundHttpClient,
  OutboundRefusedError,
  parseAllowList,
  RESPONSE_BODY_PREFIX_BYTES,
} from '../src/common/outbound';

/** The SSRF-guarded client against a real receiver on loopback. */
describe('OutboundHttpClient', () => {
  let server: Server;
  let base: string;
  const received: { path: string; body: string; headers: IncomingMessage['headers'] }[] = [];
  const handlers: Record<string, (res: ServerResponse) => void> = {
    '/ok': (res) => res.writeHead(204).end(),
    '/redirect': (res) => res.writeHead(302, { location: '/ok' }).end(),
    '/big': (res) => res.writeHead(500).end('x'.repeat(5000)),
    '/slow': () => undefined,
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body, headers: req.headers });
        (handlers[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const devClient = (timeoutMs?: number) =>
    new OutboundHttpClient({ allow: parseAllowList(['127.0.0.1']), allowHttp: true }, timeoutMs);

  it('delivers to an allow-listed loopback receiver and reports status and latency', async () => {
    const result = await devClient().post({
      url: `${base}/ok`,
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(result).toMatchObject({ ok: true, status: 204, error: null });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(received.at(-1)).toMatchObject({ path: '/ok', body: '{"a":1}' });
  });

  it('never follows a redirect: a 3xx is a failure with its status', async () => {
    const before = received.length;
    const result = await devClient().post({ url: `${base}/redirect`, headers: {}, body: '' });
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(received.length).toBe(before + 1);
  });

  it('keeps only the first kilobyte of the body', async () => {
    const result = await devClient().post({ url: `${base}/big`, headers: {}, body: '' });
    expect(result.status).toBe(500);
    expect(result.bodyPrefix).toBe('x'.repeat(RESPONSE_BODY_PREFIX_BYTES));
  });

  it('gives up on a receiver that never answers', async () => {
    const result = await devClient(300).post({ url: `${base}/slow`, headers: {}, body: '' });
    expect(result).toMatchObject({ ok: false, status: null, error: 'no answer within 300 ms' });
  });

  it('resolves names and checks every address: localhost is loopback unless allow-listed', async () => {
    const port = (server.address() as AddressInfo).port;
    const strict = new OutboundHttpClient({ allow: [], allowHttp: true });
    await expect(
      strict.post({ url: `http://localhost:${port}/ok`, headers: {}, body: '' }),
    ).rejects.toMatchObject({
      reason: 'address-not-allowed',
    });
    const byName = new OutboundHttpClient({
      allow: parseAllowList(['localhost', '::1']),
      allowHttp: true,
    });
    // Pinned to the first checked address; the receiver listens on 127.0.0.1 only, so a ::1
    // answer first would fail to connect: accept either an answer or a connection error.
    const result = await byName.post({ url: `http://localhost:${port}/ok`, headers: {}, body: '' });
    expect(result.status === 204 || result.error !== null).toBe(true);
  });

  it.each(['http://127.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/'])(
    'refuses %s without sending anything when not allow-listed',
    async (url) => {
      const client = new OutboundHttpClient({ allow: [], allowHttp: true });
      const attempt = client.post({ url, headers: {}, body: '' });
      await expect(attempt).rejects.toBeInstanceOf(OutboundRefusedError);
      await expect(attempt).rejects.toMatchObject({ reason: 'address-not-allowed' });
    },
  );

  it('refuses http when only https is allowed', async () => {
    const client = new OutboundHttpClient({
      allow: parseAllowList(['127.0.0.1']),
      allowHttp: false,
    });
    await expect(client.post({ url: `${base}/ok`, headers: {}, body: '' })).rejects.toMatchObject({
      reason: 'scheme-not-allowed',
    });
  });

  it('fails a name that does not resolve', async () => {
    const client = new OutboundHttpClient({ allow: [], allowHttp: false });
    await expect(client.resolve('https://no-such-host.invalid/')).rejects.toMatchObject({
      reason: 'dns-failed',
    });
  });
});
