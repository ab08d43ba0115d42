import type { AuditEvent } from './task-model';
import { historyEntry } from './task-format';

function event(partial: Partial<AuditEvent>): AuditEvent {
  return {
    id: 'e1',
    action: 'task.updated',
    actor: { type: 'user', id: 'u1', display: 'ada@example.com' },
    changes: null,
    hash: 'h',
    ip: null,
    occurredAt: '2026-11-23T18:00:00.000Z',
    outcome: 'success',
    prevHash: 'p',
    requestId: null,
    traceId: null,
    seq: '1',
    target: { type: 'task', id: 't1' },
    userAgent: null,
    ...partial,
  };
}

describe('task history entries', () => {
  it('shows before and after of each changed field, in words', () => {
    const entry = historyEntry(
      event({
        changes: {
          status: { before: 'todo', after: 'in_progress' },
          labels: { before: [], after: ['q4', 'finance'] },
          bulk: { after: true },
        },
      }),
    );
    expect(entry).toMatchObject({ action: 'Updated', actor: 'ada@example.com', bulk: true });
    expect(entry.changes).toEqual([
      { field: 'status', label: 'Status', before: 'To do', after: 'In progress' },
      { field: 'labels', label: 'Labels', before: '—', after: 'q4, finance' },
    ]);
  });

  it('lists only the fields a creation set', () => {
    const entry = historyEntry(
      event({
        action: 'task.created',
        changes: {
          title: { after: 'Ship it' },
          description: { after: '' },
          priority: { after: 'urgent' },
          labels: { after: [] },
          dueAt: { after: null },
        },
      }),
    );
    expect(entry.action).toBe('Created');
    expect(entry.changes).toEqual([
      { field: 'title', label: 'Title', before: null, after: 'Ship it' },
      { field: 'priority', label: 'Priority', before: null, after: 'Urgent' },
    ]);
  });
});
