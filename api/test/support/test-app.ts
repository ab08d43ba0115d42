import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTaskTrackrClient, TaskTrackrClient } from '@tasktrackr/sdk';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * An app on a database of its own publishes tree checkpoints of its own: beside the run's
 * directory, one per database name (stable, so a restart on the same database sees its own),
 * unless the spec chose a directory. Sharing one would hold each database to another's tree.
 */
function withOwnCheckpointDir(
  overrides: AppModuleOptions['configOverrides'],
): AppModuleOptions['configOverrides'] {
  const url = overrides?.DATABASE_URL;
  if (!overrides || typeof url !== 'string' || 'AUDIT_CHECKPOINT_DIR' in overrides)
    return overrides;
  const database = new URL(url).pathname.replace(/^\//, '') || 'default';
  const base = process.env.AUDIT_CHECKPOINT_DIR ?? join(tmpdir(), 'tasktrackr-checkpoints');
  return { ...overrides, AUDIT_CHECKPOINT_DIR: `${base}-db-${database}` };
}

/**
 * Boots the real app (all modules, real Postgres and Redis from global setup) on a free
 * loopback port, configured exactly as `main.ts` configures it.
 */
export async function startTestApp(options: Partial<AppModuleOptions> = {}): Promise<TestApp> {
  const app = await createHttpApp({
    role: options.role ?? 'all',
    configOverrides: withOwnCheckpointDir(options.configOverrides),
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
