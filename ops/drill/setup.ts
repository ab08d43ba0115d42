import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { DataSource } from 'typeorm';
import { ApiTokensService } from '../../api/src/auth';
import { runMigrationsLocked } from '../../api/src/database/run-migrations';
import { typeormOptions } from '../../api/src/database/typeorm-options';
import { UsersService } from '../../api/src/users';
import { createCliAppContext } from '../cli/app-context';
import { DevServicesError } from '../dev-services/errors';
import { send } from './http/send';

/** Applies every migration (under the app's advisory lock); resolves how many ran. */
export async function migrate(databaseUrl: string): Promise<number> {
  const dataSource = await new DataSource(
    typeormOptions({
      url: databaseUrl,
      poolSize: 2, // one connection holds the advisory lock while the other migrates
      connectTimeoutMs: 5000,
      applicationName: 'tasktrackr-drill',
    }),
  ).initialize();
  try {
    return (await runMigrationsLocked(dataSource, { log: () => undefined })).length;
  } finally {
    await dataSource.destroy();
  }
}

export interface DrillAccounts {
  admin: { email: string; password: string };
  employeeEmail: string;
  /** A personal API token of the employee, scoped tasks:read and tasks:write. */
  employeeToken: string;
}

const CONTEXT = { ip: null, userAgent: 'drill', requestId: null };
const ACTOR = { type: 'system' as const, id: null, display: 'npm run drill' };

/**
 * Creates the drill's admin and employee through the app's own services (password policy,
 * argon2id, audit events: as `npm run user:create` does) and an API token for the employee.
 * The app context reads its configuration from process.env, hence `env` is applied there.
 */
export async function createAccounts(env: NodeJS.ProcessEnv): Promise<DrillAccounts> {
  Object.assign(process.env, env);
  const app = await createCliAppContext();
  try {
    const users = app.get(UsersService);
    const dataSource = app.get(DataSource);
    const create = (email: string, role: 'admin' | 'employee', password: string) =>
      dataSource.transaction((manager) =>
        users.create(
          manager,
          { email, password, displayName: `Drill ${role}`, roles: [role] },
          { action: 'user.created', actor: ACTOR, context: CONTEXT },
        ),
      );
    const admin = {
      email: 'drill-admin@example.com',
      password: randomBytes(18).toString('base64url'),
    };
    await create(admin.email, 'admin', admin.password);
    const employee = await create(
      'drill-employee@example.com',
      'employee',
      randomBytes(18).toString('base64url'),
    );
    const { value } = await app
      .get(ApiTokensService)
      .create(
        { userId: employee.id, email: employee.email, roles: employee.roles },
        { name: 'drill load', scopes: ['tasks:read', 'tasks:write'] },
        CONTEXT,
      );
    return { admin, employeeEmail: employee.email, employeeToken: value };
  } finally {
    await app.close();
  }
}

/** Signs in over HTTP and resolves with the session's access token (a JWT). */
export async function signIn(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<string> {
  const agent = new Agent();
  try {
    const outcome = await send({
      method: 'POST',
      url: `${baseUrl}/api/v1/auth/login`,
      headers: {},
      body: credentials,
      timeoutMs: 15_000,
      agent,
    });
    const token =
      outcome.kind === 'answer'
        ? (outcome.answer.body as { accessToken?: unknown } | undefined)?.accessToken
        : undefined;
    if (typeof token !== 'string') {
      throw new DevServicesError(
        `Signing in as ${credentials.email} failed: ${JSON.stringify(outcome)}`,
      );
    }
    return token;
  } finally {
    agent.destroy();
  }
}
