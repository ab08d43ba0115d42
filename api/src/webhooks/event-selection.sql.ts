/**
 * The SQL that turns sealed audit events into one subscription's deliveries. It reads
 * `audit_events` directly (the audit log's committed, sealed rows, in `seq` order) and keeps an
 * event only when
 *  - its action is one the subscription names (`user.*` = every `user.` action), and
 *  - the owner may read it now: an active admin reads everything; an active employee reads a
 *    task event only while the task is theirs, the tasks module's rule (owner or assignee,
 *    `tasks/task-viewer.ts`), deleted tasks included for their delete event; `user.*` needs an
 *    admin. A disabled owner receives nothing.
 * `$1` is the subscription id; the caller adds the seq range.
 */
export const DELIVERY_BODY_SQL = `json_build_object(
    'type', e.action,
    'timestamp', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'data', json_build_object(
      'eventId', e.id,
      'seq', e.seq::text,
      'actor', json_build_object('type', e.actor_type, 'id', e.actor_id, 'display', e.actor_display),
      'target', json_build_object('type', e.target_type, 'id', e.target_id),
      'changes', e.changes,
      'outcome', e.outcome))::text`;

export const SUBSCRIBER_CTE = `sub AS (
    SELECT s.id, s.owner_id, s.event_types,
           u.disabled_at IS NULL AS active,
           u.disabled_at IS NULL AND 'admin' = ANY(u.roles) AS admin
      FROM webhook_subscriptions s JOIN users u ON u.id = s.owner_id
     WHERE s.id = $1)`;

export const EVENT_MATCHES_SQL = `sub.active
    AND (e.action = ANY(sub.event_types) OR (e.action LIKE 'user.%' AND 'user.*' = ANY(sub.event_types)))
    AND (
      (e.action LIKE 'task.%' AND e.target_type = 'task' AND (
        sub.admin OR EXISTS (
          SELECT 1 FROM tasks t
           WHERE t.id = CASE WHEN e.target_id ~ '^[0-9a-fA-F-]{36}$' THEN e.target_id::uuid END
             AND (t.owner_id = sub.owner_id OR t.assignee_id = sub.owner_id))))
      OR (e.action LIKE 'user.%' AND sub.admin))`;
