import { allowedScopes } from './scopes';

const names = (roles: Parameters<typeof allowedScopes>[0]) =>
  allowedScopes(roles).map((info) => info.scope);

describe('allowedScopes (docs/auth.md: never more than the owner)', () => {
  it('gives employees the task scopes only', () => {
    expect(names(['employee'])).toEqual(['tasks:read', 'tasks:write']);
  });

  it('gives auditors the audit scopes only', () => {
    expect(names(['auditor'])).toEqual(['audit:read', 'audit:export']);
  });

  it('gives admins every scope, and combines roles', () => {
    const all = ['tasks:read', 'tasks:write', 'audit:read', 'audit:export'];
    expect(names(['admin'])).toEqual(all);
    expect(names(['employee', 'auditor'])).toEqual(all);
  });

  it('gives nothing without roles', () => {
    expect(names([])).toEqual([]);
  });
});
