import type { AuditChanges } from './audit-event.input';

/** Field names whose values are never stored in an audit event, whatever the caller passes. */
const SECRET_FIELD = /pass(word|phrase)?|secret|token|hash|credential|api[-_]?key|private[-_]?key/i;

export const REDACTED = '[redacted]';

/**
 * Replaces the before/after of secret-looking fields with a marker (the fact that the field
 * changed stays visible), recursively for nested objects.
 */
export function redactChanges(changes: AuditChanges): AuditChanges {
  const out: AuditChanges = {};
  for (const [field, change] of Object.entries(changes)) {
    if (SECRET_FIELD.test(field)) {
      out[field] = {
        ...('before' in change ? { before: REDACTED } : {}),
        ...('after' in change ? { after: REDACTED } : {}),
      };
    } else {
      out[field] = {
        ...('before' in change ? { before: redactValue(change.before) } : {}),
        ...('after' in change ? { after: redactValue(change.after) } : {}),
      };
    }
  }
  return out;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        SECRET_FIELD.test(key) ? REDACTED : redactValue(inner),
      ]),
    );
  }
  return value;
}
