import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsersService } from '../../../api/src/users';

export interface Credentials {
  email: string;
  password: string;
}

/** One employee, created through the same service and rules as the API (argon2id included). */
export async function createEmployee(app: INestApplication, credentials: Credentials) {
  const users = app.get(UsersService);
  await app.get(DataSource).transaction((manager) =>
    users.create(
      manager,
      { ...credentials, displayName: 'Login flood benchmark', roles: ['employee'] },
      {
        action: 'user.created',
        actor: { type: 'system', id: null, display: 'bench:login-flood' },
        context: { ip: null, userAgent: 'bench:login-flood', requestId: null },
      },
    ),
  );
}

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} -> ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

export async function login(baseUrl: string, credentials: Credentials): Promise<string> {
  const body = await post(`${baseUrl}/api/v1/auth/login`, credentials);
  const token = (body as { accessToken?: unknown }).accessToken;
  if (typeof token !== 'string') throw new Error('login answered without an accessToken');
  return token;
}

/**
 * `count` tasks owned by the token's user, through `POST /api/v1/tasks` (the tasks module is
 * not imported: its internals are being reworked elsewhere), a few at a time.
 */
export async function createTasks(baseUrl: string, token: string, count: number): Promise<void> {
  const batch = 10;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    await Promise.all(
      Array.from({ length: size }, (_, i) =>
        post(
          `${baseUrl}/api/v1/tasks`,
          {
            title: `Login flood task ${start + i + 1}`,
            description: 'Seeded by npm run bench:login-flood',
            priority: (['low', 'medium', 'high'] as const)[(start + i) % 3],
            labels: ['bench'],
          },
          token,
        ),
      ),
    );
  }
}
