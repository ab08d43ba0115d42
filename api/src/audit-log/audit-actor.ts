import type { Principal } from '../auth/principal';
import type { AuditActor } from './audit-event.input';

/** The audit actor for an authenticated caller: the token itself when one was used. */
export function auditActorOf(principal: Principal): AuditActor {
  return principal.via === 'apiToken'
    ? { type: 'token', id: principal.tokenId, display: `${principal.email} (API token)` }
    : { type: 'user', id: principal.userId, display: principal.email };
}
