/**
 * `ts-node ops/bench/tasks/inject-cpu.ts <nest build output dir> [url]`: the API's own CPU per
 * request for one GET, without sockets or load generator: the built app answers `app.inject`
 * (light-my-request) requests one after another, and the process's user + system time over
 * 20,000 of them is divided by 20,000, three times after 5,000 to warm up. Compare two builds by
 * alternating runs; the figures include light-my-request's own cost, the same for both.
 * Environment as `npm run bench:tasks` gives the API (BENCH_DATABASE_URL, REDIS_URL).
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppModuleOptions } from '../../../api/src/app.module';

type CreateHttpApp = (options: AppModuleOptions) => Promise<NestFastifyApplication>;

async function main(dist: string, url: string): Promise<void> {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    APP_ROLE: 'api',
    DATABASE_URL:
      process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tasktrackr_bench_tasks',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: 'bench_inject',
    LOG_LEVEL: 'warn',
    THROTTLE_LIMIT: '1000000000',
    JWT_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  });
  const { createHttpApp } = (await import(
    join(resolve(dist), 'api', 'src', 'bootstrap', 'create-http-app.js')
  )) as { createHttpApp: CreateHttpApp };
  const app = await createHttpApp({ role: 'api' });
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const run = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const response = await fastify.inject({ method: 'GET', url });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    }
  };
  await run(5_000);
  const figures: string[] = [];
  for (let round = 0; round < 3; round += 1) {
    const start = process.cpuUsage();
    await run(20_000);
    const used = process.cpuUsage(start);
    figures.push(((used.user + used.system) / 20_000).toFixed(1));
  }
  process.stdout.write(`${dist} ${url}: ${figures.join(', ')} µs/req\n`);
  await app.close();
}

main(process.argv[2] ?? 'dist', process.argv[3] ?? '/api/v1/health/live').then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
