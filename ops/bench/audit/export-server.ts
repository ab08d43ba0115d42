/**
 * The real API (role `api`, every guard and interceptor) serving the bench database, with one
 * auditor signed in. Forked by bench.ts; reports `{ port, token }` over IPC.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthService } from '../../../api/src/auth';
import { createHttpApp } from '../../../api/src/bootstrap/create-http-app';
import { UsersService } from '../../../api/src/users';

async function main(): Promise<void> {
  const app = await createHttpApp({ role: 'api' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const email = `bench-auditor-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  const context = { ip: '127.0.0.1', userAgent: 'bench', requestId: null };
  await app.get(DataSource).transaction((manager) =>
    app.get(UsersService).create(
      manager,
      { email, password, displayName: 'Bench auditor', roles: ['auditor'] },
      {
        action: 'user.created',
        actor: { type: 'system', id: null, display: 'bench' },
        context,
      },
    ),
  );
  const { accessToken } = await app.get(AuthService).login(email, password, context);
  process.send?.({ port, token: accessToken });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `export server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
