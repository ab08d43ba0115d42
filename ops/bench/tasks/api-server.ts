/**
 * Child process: the real TaskTrackr API (role `api`), configured from the environment the
 * driver passes, on a free loopback port. Reports its port over IPC.
 */
import 'reflect-metadata';
import { createHttpApp } from '../../../api/src/bootstrap/create-http-app';
import { LOOPBACK, type ChildMessage } from './protocol';

async function main(): Promise<void> {
  const app = await createHttpApp({ role: 'api' });
  await app.listen(0, LOOPBACK);
  const { port } = app.getHttpServer().address() as { port: number };
  const ready: ChildMessage = { type: 'ready', port };
  process.send?.(ready);
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  const fatal: ChildMessage = {
    type: 'fatal',
    message: error instanceof Error ? error.message : String(error),
  };
  process.send?.(fatal);
  process.exit(1);
});
