import { TestBed } from '@angular/core/testing';
import {
  type ActivatedRouteSnapshot,
  provideRouter,
  type RouterStateSnapshot,
  UrlTree,
} from '@angular/router';
import { Auth, type User } from './auth';
import { authGuard, roleGuard, signedOutGuard } from './auth.guard';

const route = {} as ActivatedRouteSnapshot;
const state = (url: string) => ({ url }) as RouterStateSnapshot;

function user(roles: User['roles']): User {
  return {
    id: '5f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
    email: 'ann@example.com',
    displayName: 'Ann',
    roles,
    disabled: false,
    createdAt: '2026-11-01T00:00:00.000Z',
  };
}

describe('route guards', () => {
  let auth: Auth;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    auth = TestBed.inject(Auth);
    localStorage.clear();
  });

  const run = <T>(guard: () => T) => TestBed.runInInjectionContext(guard);

  it('sends a signed-out visitor to login with the page they asked for', () => {
    const result = run(() => authGuard(route, state('/tasks?status=todo')));
    expect(result).toBeInstanceOf(UrlTree);
    expect((result as UrlTree).toString()).toBe('/login?returnUrl=%2Ftasks%3Fstatus%3Dtodo');
  });

  it('lets a signed-in user through', () => {
    auth.setUser(user(['employee']));
    expect(run(() => authGuard(route, state('/tasks')))).toBe(true);
  });

  it('admits only the roles a route names, sending others to the dashboard', () => {
    auth.setUser(user(['auditor']));
    expect(run(() => roleGuard('auditor', 'admin')(route, state('/audit')))).toBe(true);
    const refused = run(() => roleGuard('admin')(route, state('/users')));
    expect((refused as UrlTree).toString()).toBe('/');
  });

  it('keeps signed-in users away from login and register', () => {
    expect(run(() => signedOutGuard(route, state('/login')))).toBe(true);
    auth.setUser(user(['employee']));
    expect((run(() => signedOutGuard(route, state('/login'))) as UrlTree).toString()).toBe('/');
  });

  it('remembers the profile, never a token, for offline start-up; forgets it on sign-out', () => {
    auth.setUser(user(['employee']));
    const stored = localStorage.getItem('tt.lastUser') ?? '';
    expect(JSON.parse(stored)).toMatchObject({ email: 'ann@example.com' });
    auth.forget();
    expect(auth.signedIn()).toBe(false);
    expect(localStorage.getItem('tt.lastUser')).toBeNull();
  });
});
