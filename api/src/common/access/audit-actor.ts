import type { Principal } from './principal';

/** Who did it. `display` is a human label captured at the time (email, token name, job). */
export interface AuditActor {
  type: 'user' | 'token' | 'system';
  id: string | null;
  display: string;
}

/**
 * The one mapping from an authenticated caller to the audit actor: the API token itself when
 * one was used, otherwise the signed-in user.
 */
export function auditActorOf(principal: Principal): AuditActor {
  return principal.via === 'apiToken'
    ? { type: 'token', id: principal.tokenId, display: `${principal.email} (API token)` }
    : { type: 'user', id: principal.userId, display: principal.email };
}
