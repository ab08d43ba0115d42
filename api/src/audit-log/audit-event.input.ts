import type { AuditActor } from '../common/access/audit-actor';
import type { RequestContext } from '../common/http/request-context';

export type { AuditActor };

export interface AuditTarget {
  type: string;
  id: string | null;
}

/** Before/after of each changed field. Secrets and password material must never appear. */
export type AuditChanges = Record<string, { before?: unknown; after?: unknown }>;

/**
 * What a feature module hands to `AuditLogService.record(manager, event)` inside the same
 * transaction as the change it describes. Shared contract of auth, tasks and audit-log.
 */
export interface AuditEventInput {
  /** Dotted, past tense: `task.updated`, `auth.login.failed`, `auth.refresh.reuse_detected`. */
  action: string;
  actor: AuditActor;
  target: AuditTarget;
  changes?: AuditChanges;
  outcome: 'success' | 'failure';
  context: RequestContext;
  /** Defaults to the database's clock at insert time. */
  occurredAt?: Date;
}
