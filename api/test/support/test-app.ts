import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTaskTrackrClient, TaskTrackrClient } from '@tasktrackr/sdk';
import { DataSource } from 'typeorm';
import { AppModuleOptions } from '../../src/app.module';
import { createHttpApp } from '../../src/bootstrap/create-http-app';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  /** The generated SDK, pointed at this app; pass `token` for an authenticated client. */
  sdk: TaskTrackrClient;
  client(token?: string): TaskTrackrClient;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Boots the real app (all modules, real Postgres and Redis from global setup) on a free
 * loopback port, configured exactly as `main.ts` configures it.
 */
export async function startTestApp(options: Partial<AppModuleOptions> = {}): Promise<TestApp> {
  const app = await createHttpApp({
    role: options.role ?? 'all',
    configOverrides: options.configOverrides,
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const client = (token?: string) => createTaskTrackrClient({ baseUrl, token });
  return {
    app,
    baseUrl,
    sdk: client(),
    client,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}
