import type { Schema } from '@tasktrackr/sdk';
import type { Role } from '../../core/auth/auth';

export type Scope = Schema<'Scope'>;

export interface ScopeInfo {
  scope: Scope;
  description: string;
  /** Roles that can make use of the scope (docs/auth.md, "Never more than the owner"). */
  roles: readonly Role[];
}

export const SCOPE_INFO: readonly ScopeInfo[] = [
  { scope: 'tasks:read', description: 'Read tasks', roles: ['employee', 'admin'] },
  { scope: 'tasks:write', description: 'Create and change tasks', roles: ['employee', 'admin'] },
  { scope: 'audit:read', description: 'Read the audit log', roles: ['auditor', 'admin'] },
  { scope: 'audit:export', description: 'Export the audit log', roles: ['auditor', 'admin'] },
];

/** The scopes a token of someone with `roles` may hold; the API refuses any other (403). */
export function allowedScopes(roles: readonly Role[]): ScopeInfo[] {
  return SCOPE_INFO.filter((info) => info.roles.some((role) => roles.includes(role)));
}
