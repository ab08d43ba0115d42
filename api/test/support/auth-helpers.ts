import { randomUUID } from 'node:crypto';
import type { TaskTrackrClient } from '@tasktrackr/sdk';
import { ApiTokensService } from '../../src/auth/api-tokens.service';
import { AuthService } from '../../src/auth/auth.service';
import type { Role, Scope } from '../../src/common/access/principal';
import type { RequestContext } from '../../src/common/http/request-context';
import { UsersService } from '../../src/users';
import type { TestApp } from './test-app';

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  displayName: string;
  roles: Role[];
  accessToken: string;
  /** The refresh cookie value of the signed-in session. */
  refreshToken: string;
  sessionId: string;
  /** The typed SDK, authenticated as this user. */
  client: TaskTrackrClient;
}

const TEST_CONTEXT: RequestContext = { ip: '127.0.0.1', userAgent: 'e2e-test', requestId: null };

/**
 * Creates a user through the real service (so tests are not rate limited) and signs them in
 * for real (session + RS256 access token), returning an SDK client authenticated as them.
 */
export async function createUser(
  testApp: TestApp,
  options: { roles?: Role[]; email?: string; password?: string; displayName?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `user-${randomUUID()}@example.com`;
  const password = options.password ?? `pw-${randomUUID()}`;
  const displayName = options.displayName ?? 'Test User';
  const roles = options.roles ?? ['employee'];
  const users = testApp.app.get(UsersService);
  const user = await testApp.dataSource.transaction((manager) =>
    users.create(
      manager,
      { email, password, displayName, roles },
      {
        action: 'user.created',
        actor: { type: 'system', id: null, display: 'e2e' },
        context: TEST_CONTEXT,
      },
    ),
  );
  const signedIn = await testApp.app.get(AuthService).login(email, password, TEST_CONTEXT);
  return {
    userId: user.id,
    email: user.email,
    password,
    displayName,
    roles,
    accessToken: signedIn.accessToken,
    refreshToken: signedIn.refresh.value,
    sessionId: signedIn.refresh.sessionId,
    client: testApp.client(signedIn.accessToken),
  };
}

/** Creates a personal API token for `user` through the real service. */
export async function createApiToken(
  testApp: TestApp,
  user: Pick<TestUser, 'userId' | 'email' | 'roles'>,
  scopes: Scope[],
  options: { name?: string; expiresAt?: Date } = {},
): Promise<{ tokenId: string; token: string; client: TaskTrackrClient }> {
  const { entity, value } = await testApp.app
    .get(ApiTokensService)
    .create(
      { userId: user.userId, email: user.email, roles: user.roles },
      { name: options.name ?? 'e2e token', scopes, expiresAt: options.expiresAt },
      TEST_CONTEXT,
    );
  return { tokenId: entity.id, token: value, client: testApp.client(value) };
}
