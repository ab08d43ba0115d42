import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * How the proxy treats traffic: `pass` forwards everything; `mute-subscribers` keeps every
 * connection open but drops what Redis sends on connections that issued SUBSCRIBE (published
 * messages are lost while the client believes it is subscribed); `down` breaks every
 * connection and refuses new ones, like a dead Redis.
 */
export type CutMode = 'pass' | 'mute-subscribers' | 'down';

/** A loopback TCP proxy in front of Redis for one app process, to lose its pub/sub messages. */
export class RedisCutProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; subscriber: boolean }>();
  mode: CutMode = 'pass';

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on a free loopback port; returns the `redis://` URL to hand to the app. */
  async open(): Promise<string> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    return `redis://127.0.0.1:${port}`;
  }

  setMode(mode: CutMode): void {
    this.mode = mode;
    if (mode === 'down') {
      for (const pair of this.pairs) pair.client.destroy();
    }
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) pair.client.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'down') {
      client.destroy();
      return;
    }
    const upstream = createConnection(this.target);
    upstream.on('error', () => undefined);
    const pair = { client, upstream, subscriber: false };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      // ioredis writes commands as RESP arrays of bulk strings: the name appears verbatim.
      if (/subscribe/i.test(chunk.toString('latin1'))) pair.subscriber = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.mode === 'mute-subscribers' && pair.subscriber) return;
      client.write(chunk);
    });
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.once('close', end);
    upstream.once('close', end);
  }
}
