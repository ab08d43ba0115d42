/** One changed field of an audit event, ready to show side by side. */
export interface ChangeRow {
  field: string;
  /** Shown text; `null` when the field had no value on that side (created / removed). */
  before: string | null;
  after: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as text: strings as they are, everything else as compact JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/**
 * The `changes` of an audit event (`{ field: { before, after } }`, secrets already redacted by
 * the API) as rows, sorted by field. A value not in before/after form is shown as its "after".
 */
export function changeRows(changes: Readonly<Record<string, unknown>> | null): ChangeRow[] {
  if (!changes) return [];
  return Object.keys(changes)
    .sort((a, b) => a.localeCompare(b))
    .map((field) => {
      const value = changes[field];
      if (isRecord(value) && ('before' in value || 'after' in value)) {
        return {
          field,
          before: 'before' in value ? showValue(value['before']) : null,
          after: 'after' in value ? showValue(value['after']) : null,
        };
      }
      return { field, before: null, after: showValue(value) };
    });
}
