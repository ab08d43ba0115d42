import type { Role, Scope } from '../common/access/principal';

/**
 * Which roles can make use of each scope. A token's effective scopes are always cut down to
 * what its owner's current roles allow, so a token never does more than its owner may.
 */
export const SCOPE_ROLES: Readonly<Record<Scope, readonly Role[]>> = {
  'tasks:read': ['employee', 'admin'],
  'tasks:write': ['employee', 'admin'],
  'audit:read': ['auditor', 'admin'],
  'audit:export': ['auditor', 'admin'],
};

export function scopesAllowedFor(roles: readonly Role[]): Scope[] {
  return (Object.keys(SCOPE_ROLES) as Scope[]).filter((scope) =>
    SCOPE_ROLES[scope].some((role) => roles.includes(role)),
  );
}
