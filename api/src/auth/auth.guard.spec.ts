import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../common/problem/problem.exception';
import { AuthGuard, bearerToken, refusal } from './auth.guard';
import { Authenticated } from '../common/access/authenticated.decorator';
import { Public } from '../common/access/public.decorator';
import type { Principal } from '../common/access/principal';
import type { PrincipalsService } from './principals.service';

class Routes {
  noRule(): void {}
  @Public()
  open(): void {}
  @Authenticated()
  signedIn(): void {}
}

function contextFor(handler: () => void, headers: Record<string, string> = {}): ExecutionContext {
  const request = { headers };
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

const employee: Principal = {
  userId: 'u1',
  email: 'e@example.com',
  displayName: 'E',
  roles: ['employee'],
  via: 'session',
  sessionId: 's1',
  tokenId: null,
  scopes: null,
};
const token: Principal = {
  ...employee,
  via: 'apiToken',
  sessionId: null,
  tokenId: 't1',
  scopes: ['tasks:read'],
};

describe('AuthGuard', () => {
  // The resolver is never reached on these paths: the rule decides before any credential.
  const guard = new AuthGuard(new Reflector(), {} as PrincipalsService);
  const routes = new Routes();

  it('refuses a route that declares no rule (deny by default)', async () => {
    await expect(guard.canActivate(contextFor(routes.noRule))).rejects.toMatchObject({
      status: 403,
    });
  });

  it('lets anyone call a @Public() route', async () => {
    await expect(guard.canActivate(contextFor(routes.open))).resolves.toBe(true);
  });

  it('answers 401 on an @Authenticated() route without a bearer token', async () => {
    const attempt = guard.canActivate(contextFor(routes.signedIn));
    await expect(attempt).rejects.toBeInstanceOf(ProblemException);
    await expect(attempt).rejects.toMatchObject({ status: 401 });
  });
});

describe('refusal', () => {
  it('requires one of the rule’s roles', () => {
    expect(refusal({ roles: ['admin'] }, employee)).toMatch(/roles: admin/);
    expect(refusal({ roles: ['admin', 'employee'] }, employee)).toBeNull();
  });

  it('lets sessions through regardless of scopes', () => {
    expect(refusal({ scopes: ['tasks:write'] }, employee)).toBeNull();
  });

  it('requires every scope of the rule from API tokens', () => {
    expect(refusal({ scopes: ['tasks:read'] }, token)).toBeNull();
    expect(refusal({ scopes: ['tasks:write'] }, token)).toMatch(/lacks the scopes: tasks:write/);
  });

  it('refuses API tokens on routes that name no scope (session-only routes)', () => {
    expect(refusal({}, token)).toMatch(/cannot be used here/);
  });

  it('still checks the owner’s current roles for API tokens', () => {
    expect(refusal({ roles: ['auditor'], scopes: ['tasks:read'] }, token)).toMatch(/roles/);
  });
});

describe('bearerToken', () => {
  const req = (authorization?: string) =>
    ({ headers: authorization ? { authorization } : {} }) as Parameters<typeof bearerToken>[0];
  it('extracts a bearer token, case-insensitively', () => {
    expect(bearerToken(req('Bearer abc.def'))).toBe('abc.def');
    expect(bearerToken(req('bearer tt_x'))).toBe('tt_x');
  });
  it('ignores other schemes and malformed headers', () => {
    expect(bearerToken(req('Basic dXNlcjpwYXNz'))).toBeUndefined();
    expect(bearerToken(req('Bearer a b'))).toBeUndefined();
    expect(bearerToken(req())).toBeUndefined();
  });
});
