import { safeReturnUrl } from './safe-return-url';

describe('safeReturnUrl', () => {
  it('follows paths inside the app', () => {
    expect(safeReturnUrl('/tasks?status=todo')).toBe('/tasks?status=todo');
    expect(safeReturnUrl('/account')).toBe('/account');
  });

  it('never leaves the app (no open redirect)', () => {
    for (const hostile of ['//evil.example', 'https://evil.example', 'javascript:alert(1)']) {
      expect(safeReturnUrl(hostile)).toBe('/');
    }
  });

  it('does not loop back to login or register, and defaults to the dashboard', () => {
    expect(safeReturnUrl('/login?returnUrl=%2F')).toBe('/');
    expect(safeReturnUrl('/register')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
    expect(safeReturnUrl('')).toBe('/');
  });
});
