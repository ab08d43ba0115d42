import type { Role, Scope } from './principal';

/** Metadata key under which every route declares who may call it (deny by default). */
export const AUTH_RULE_KEY = 'tasktrackr:auth-rule';

/**
 * A route's access rule. `public` routes need no credentials; otherwise the caller must be
 * authenticated, hold one of `roles` (when given) and, for API tokens, every one of `scopes`.
 */
export type AuthRule = { public: true } | { public?: false; roles?: Role[]; scopes?: Scope[] };
