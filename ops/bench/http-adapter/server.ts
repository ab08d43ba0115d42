/**
 * Child-process entry for the HTTP adapter benchmark: `server.ts <raw|express|fastify>`.
 * Runs in its own process so the load generator never shares this event loop.
 */
import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Inject, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import {
  DB_SQL,
  JSON_PAYLOAD,
  LOOPBACK,
  PG_POOL_MAX,
  isServerKind,
  type ChildMessage,
  type ServerKind,
} from './protocol';

const PG_POOL = Symbol('PG_POOL');

@Controller()
class BenchController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('json')
  json() {
    return JSON_PAYLOAD;
  }

  @Get('db')
  async db() {
    const { rows } = await this.pool.query<{ id: number; hash: string }>(DB_SQL);
    return rows;
  }
}

@Module({})
class BenchModule {
  static withPool(pool: Pool): DynamicModule {
    return {
      module: BenchModule,
      controllers: [BenchController],
      providers: [{ provide: PG_POOL, useValue: pool }],
    };
  }
}

interface Running {
  port: number;
  close(): Promise<void>;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The floor: what node:http + pg cost with no framework at all. */
async function startRaw(pool: Pool): Promise<Running> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/json') {
      sendJson(res, 200, JSON_PAYLOAD);
    } else if (req.method === 'GET' && req.url === '/db') {
      pool.query(DB_SQL).then(
        ({ rows }) => sendJson(res, 200, rows),
        (error: unknown) => sendJson(res, 500, { error: String(error) }),
      );
    } else {
      sendJson(res, 404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startNest(kind: 'express' | 'fastify', pool: Pool): Promise<Running> {
  // Adapter defaults on purpose: we compare what each adapter gives out of the box.
  const app =
    kind === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(
          BenchModule.withPool(pool),
          new FastifyAdapter(),
          { logger: false },
        )
      : await NestFactory.create<NestExpressApplication>(BenchModule.withPool(pool), {
          logger: false,
        });
  await app.listen(0, LOOPBACK);
  const server: Server = app.getHttpServer();
  return { port: (server.address() as AddressInfo).port, close: () => app.close() };
}

async function main(kind: ServerKind): Promise<void> {
  const pool = new Pool({
    connectionString: process.env.BENCH_DATABASE_URL,
    max: PG_POOL_MAX,
  });
  // Fail fast (and open the first connection) before reporting ready.
  await pool.query('SELECT 1');
  const running = kind === 'raw' ? await startRaw(pool) : await startNest(kind, pool);

  let closing = false;
  const shutdown = (code: number) => {
    if (closing) return;
    closing = true;
    // Bounded: a stuck keep-alive socket must not keep the child alive.
    setTimeout(() => process.exit(code), 2_000).unref();
    void Promise.allSettled([running.close(), pool.end()]).then(() => process.exit(code));
  };
  process.on('SIGTERM', () => shutdown(0));
  process.on('SIGINT', () => shutdown(0));
  // The parent died or let go of us: never outlive it.
  process.on('disconnect', () => shutdown(0));
  process.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'type' in message) {
      if (message.type === 'cpu') send({ type: 'cpu', ...process.cpuUsage() });
    }
  });

  send({ type: 'ready', port: running.port });
}

const kind = process.argv[2];
if (!isServerKind(kind) || !process.send) {
  process.stderr.write('usage: forked by ops/bench/http-adapter.ts with <raw|express|fastify>\n');
  process.exit(2);
}
main(kind).catch((error: unknown) => {
  send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
