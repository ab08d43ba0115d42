import { scopesAllowedFor } from './scopes';

describe('scopesAllowedFor', () => {
  it('gives employees task scopes only', () => {
    expect(scopesAllowedFor(['employee'])).toEqual(['tasks:read', 'tasks:write']);
  });
  it('gives auditors audit scopes only', () => {
    expect(scopesAllowedFor(['auditor'])).toEqual(['audit:read', 'audit:export']);
  });
  it('unions the scopes of several roles', () => {
    expect(scopesAllowedFor(['employee', 'auditor'])).toHaveLength(4);
  });
});
