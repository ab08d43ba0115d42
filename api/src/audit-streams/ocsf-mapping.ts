/**
 * Our audit event shape (as exported, `AuditEvent`) mapped onto OCSF 1.1 classes, so a SIEM
 * that speaks OCSF files each event without a custom parser. The table in docs/audit-log.md
 * ("OCSF mapping") is the contract; `ocsf-mapping.spec.ts` holds it to this code.
 */
export interface StreamedEvent {
  id: string;
  seq: string;
  occurredAt: string;
  actor: { type: string; id: string | null; display: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  changes: unknown;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export const OCSF_VERSION = '1.1.0';

interface OcsfClass {
  classUid: number;
  className: string;
  categoryUid: number;
  categoryName: string;
  activityId: number;
  activityName: string;
}

const IAM = { categoryUid: 3, categoryName: 'Identity & Access Management' };
const APPLICATION = { categoryUid: 6, categoryName: 'Application Activity' };
const authentication = (activityId: number, activityName: string): OcsfClass => ({
  classUid: 3002,
  className: 'Authentication',
  ...IAM,
  activityId,
  activityName,
});
const accountChange = (activityId: number, activityName: string): OcsfClass => ({
  classUid: 3001,
  className: 'Account Change',
  ...IAM,
  activityId,
  activityName,
});
const apiActivity = (activityId: number, activityName: string): OcsfClass => ({
  classUid: 6003,
  className: 'API Activity',
  ...APPLICATION,
  activityId,
  activityName,
});

/** Actions with a class of their own; everything else is API Activity by its last word. */
const BY_ACTION: Readonly<Record<string, OcsfClass>> = {
  'auth.login': authentication(1, 'Logon'),
  'auth.login.succeeded': authentication(1, 'Logon'),
  'auth.login.failed': authentication(1, 'Logon'),
  'auth.logout': authentication(2, 'Logoff'),
  'auth.refresh': authentication(3, 'Authentication Ticket'),
  'auth.refresh.reuse_detected': authentication(3, 'Authentication Ticket'),
  'auth.session.revoked': authentication(2, 'Logoff'),
  'auth.registered': accountChange(1, 'Create'),
  'user.created': accountChange(1, 'Create'),
  'user.enabled': accountChange(2, 'Enable'),
  'user.password_changed': accountChange(3, 'Password Change'),
  'user.password_change_failed': accountChange(3, 'Password Change'),
  'user.disabled': accountChange(5, 'Disable'),
  'user.roles_changed': accountChange(7, 'Attach Policy'),
  'user.updated': accountChange(99, 'Other'),
  'auth.token.created': accountChange(1, 'Create'),
  'auth.token.revoked': accountChange(6, 'Delete'),
};

const API_ACTIVITY_BY_VERB: Readonly<Record<string, OcsfClass>> = {
  created: apiActivity(1, 'Create'),
  requested: apiActivity(1, 'Create'),
  read: apiActivity(2, 'Read'),
  exported: apiActivity(2, 'Read'),
  downloaded: apiActivity(2, 'Read'),
  verified: apiActivity(2, 'Read'),
  updated: apiActivity(3, 'Update'),
  restored: apiActivity(3, 'Update'),
  deleted: apiActivity(4, 'Delete'),
};

export function ocsfClassOf(action: string): OcsfClass {
  const known = BY_ACTION[action];
  if (known) return known;
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return API_ACTIVITY_BY_VERB[verb] ?? apiActivity(99, 'Other');
}

/** One event as an OCSF object (class, activity, status, actor, endpoint, our chain fields). */
export function toOcsf(event: StreamedEvent): Record<string, unknown> {
  const cls = ocsfClassOf(event.action);
  const success = event.outcome === 'success';
  const ocsf: Record<string, unknown> = {
    class_uid: cls.classUid,
    class_name: cls.className,
    category_uid: cls.categoryUid,
    category_name: cls.categoryName,
    activity_id: cls.activityId,
    activity_name: cls.activityName,
    type_uid: cls.classUid * 100 + cls.activityId,
    time: Date.parse(event.occurredAt),
    severity_id: success ? 1 : 3,
    severity: success ? 'Informational' : 'Medium',
    status_id: success ? 1 : 2,
    status: success ? 'Success' : 'Failure',
    message: event.action,
    metadata: {
      version: OCSF_VERSION,
      uid: event.id,
      sequence: Number(event.seq),
      correlation_uid: event.requestId,
      log_name: 'audit',
      product: { name: 'TaskTrackr', vendor_name: 'TaskTrackr' },
    },
    actor: {
      user: { uid: event.actor.id, name: event.actor.display, type: event.actor.type },
    },
    src_endpoint: { ip: event.ip },
    http_request: { user_agent: event.userAgent, uid: event.requestId },
    // Ours, kept verbatim: the chain a receiver checks continuity with, and the changes.
    unmapped: {
      seq: event.seq,
      action: event.action,
      prev_hash: event.prevHash,
      hash: event.hash,
      changes: event.changes,
    },
  };
  if (cls.classUid === 3001) {
    ocsf.user = { uid: event.target.id, type: event.target.type };
  } else if (cls.classUid === 3002) {
    ocsf.user = { uid: event.actor.id ?? event.target.id, name: event.actor.display };
    ocsf.is_mfa = false;
  } else {
    ocsf.api = { operation: event.action, request: { uid: event.requestId } };
    ocsf.resources = [{ type: event.target.type, uid: event.target.id }];
  }
  return ocsf;
}
