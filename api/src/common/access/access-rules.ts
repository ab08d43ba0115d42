import type { Role, Scope } from './principal';

/** Who may call a route, beyond being signed in: one of `roles`, and for API tokens `scopes`. */
export interface AccessRule {
  readonly roles?: readonly Role[];
  readonly scopes?: readonly Scope[];
}

/**
 * The named rules routes use, so who may do what reads in one place rather than as role
 * arrays spread over controllers. A rule with scopes also admits API tokens holding them.
 */
export const SIGNED_IN: AccessRule = {};
export const ADMIN_ONLY: AccessRule = { roles: ['admin'] };
export const TASKS_READ: AccessRule = { roles: ['employee', 'admin'], scopes: ['tasks:read'] };
export const TASKS_WRITE: AccessRule = { roles: ['employee', 'admin'], scopes: ['tasks:write'] };
export const AUDIT_READ: AccessRule = { roles: ['auditor', 'admin'], scopes: ['audit:read'] };
export const AUDIT_EXPORT: AccessRule = { roles: ['auditor', 'admin'], scopes: ['audit:export'] };
/** Webhook subscriptions: signed-in sessions only (no API token manages them). */
export const WEBHOOKS_MANAGE: AccessRule = { roles: ['employee', 'admin'] };
/**
 * Audit streams send the whole log outside, with a receiver's secret: auditors only, by
 * session only (no scope, so no API token), and not admins unless they are auditors too.
 */
export const AUDIT_STREAMS: AccessRule = { roles: ['auditor'] };
