/**
 * Child process: the real TaskTrackr app (role `all`: API and queue workers in one process, the
 * embedded default) with the config the driver passes, on a free loopback port. Seeds one
 * employee with their tasks, then reports port, credentials and an access token over IPC and
 * answers `usage` requests until SIGTERM. Its own process, so its CPU time is its own.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createHttpApp } from '../../../api/src/bootstrap/create-http-app';
import {
  fatalOf,
  hasType,
  LOOPBACK,
  type ServerCommand,
  type ServerReady,
  type ServerUsage,
} from './protocol';
import { createEmployee, createTasks, login } from './seed';
import { SERVER_CONFIG_ENV, SERVER_EMAIL_ENV, SERVER_TASKS_ENV } from './server-config';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (this file is started by login-flood.ts)`);
  return value;
}

async function main(): Promise<void> {
  const configOverrides = JSON.parse(required(SERVER_CONFIG_ENV)) as Record<string, string>;
  const tasks = Number(required(SERVER_TASKS_ENV));
  const app = await createHttpApp({ role: 'all', configOverrides });
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
  await app.listen(0, LOOPBACK);
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://${LOOPBACK}:${port}`;

  // A fresh random password per run: this database is thrown away afterwards.
  const credentials = {
    email: required(SERVER_EMAIL_ENV),
    password: randomBytes(18).toString('base64url'),
  };
  await createEmployee(app, credentials);
  const accessToken = await login(baseUrl, credentials);
  await createTasks(baseUrl, accessToken, tasks);

  process.on('message', (message: unknown) => {
    if (!hasType<ServerCommand>(message, 'usage')) return;
    const { user, system } = process.cpuUsage();
    const usage: ServerUsage = {
      type: 'usage',
      cpuMicros: user + system,
      maxRssKiB: process.resourceUsage().maxRSS,
    };
    process.send?.(usage);
  });
  const ready: ServerReady = { type: 'ready', port, ...credentials, accessToken, tasks };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.send?.(fatalOf(error));
  // Let the IPC message leave before exiting.
  setTimeout(() => process.exit(1), 100);
});
