import type { AuditEventInput } from './audit-event.input';
import { outboxInsert } from './outbox-insert';
import { REDACTED } from './redact';

const event: AuditEventInput = {
  action: 'task.created',
  actor: { type: 'user', id: 'u1', display: 'alice@example.com' },
  target: { type: 'task', id: 't1' },
  changes: { title: { after: 'x' }, apiKey: { after: 'secret' } },
  outcome: 'success',
  context: { ip: '127.0.0.1', userAgent: 'jest', requestId: 'r1' },
};

describe('outboxInsert', () => {
  it('appends its parameters after those already collected, with the changes redacted', () => {
    const values: unknown[] = ['before'];
    const sql = outboxInsert(event, values);
    expect(sql).toMatch(/^INSERT INTO audit_outbox \(.*\) VALUES \(\$2, \$3, /s);
    expect(values.slice(0, 7)).toEqual([
      'before',
      'task.created',
      'user',
      'u1',
      'alice@example.com',
      'task',
      't1',
    ]);
    expect(JSON.parse(values[7] as string)).toEqual({
      title: { after: 'x' },
      apiKey: { after: REDACTED },
    });
    expect(values).toHaveLength(1 + 14);
    expect(sql).toContain('$15');
    expect(sql).not.toContain('$16');
  });

  it('takes the target id and a wrapper of the changes from a caller statement', () => {
    const values: unknown[] = [];
    const sql = outboxInsert(event, values, {
      from: 'created',
      targetId: 'created.id::text',
      changes: (redacted) => `jsonb_set(${redacted}, '{title,after}', to_jsonb(created.title))`,
    });
    expect(sql).toMatch(
      / SELECT \$1, \$2, \$3, \$4, \$5, created\.id::text, jsonb_set\(\$6::jsonb, /,
    );
    expect(sql).toMatch(/ FROM created$/);
    expect(values).not.toContain('t1');
    expect(values).toHaveLength(13);
  });

  it('stores no changes as SQL NULL, and lets the database stamp the time unless given', () => {
    const values: unknown[] = [];
    const sql = outboxInsert({ ...event, changes: undefined }, values);
    expect(values[6]).toBeNull();
    expect(sql).toContain('COALESCE($12::timestamptz, clock_timestamp())');
    expect(values[11]).toBeNull();
  });
});
