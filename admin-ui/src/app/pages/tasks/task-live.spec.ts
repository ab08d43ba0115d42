import type { TaskChange } from './task-events';
import { liveAction } from './task-live';

const change = (type: TaskChange['type'], version: number): TaskChange => ({
  type,
  id: 't1',
  version,
  occurredAt: '2026-11-23T18:00:00.000Z',
});

describe('live list updates', () => {
  it('ignores the echo of my own writes and anything older than what is shown', () => {
    const row = { knownVersion: 4, shown: true, writing: false };
    expect(liveAction(change('task.updated', 4), row)).toBe('ignore');
    expect(liveAction(change('task.updated', 3), row)).toBe('ignore');
    expect(liveAction(change('task.deleted', 4), row)).toBe('ignore');
  });

  it('refreshes a shown row that someone else changed, drops one they deleted', () => {
    const row = { knownVersion: 4, shown: true, writing: false };
    expect(liveAction(change('task.updated', 5), row)).toBe('refresh');
    expect(liveAction(change('task.deleted', 5), row)).toBe('drop');
  });

  it('counts what the list does not show, for the "new changes — refresh" note', () => {
    const unseen = { knownVersion: undefined, shown: false, writing: false };
    expect(liveAction(change('task.created', 1), unseen)).toBe('count');
    expect(liveAction(change('task.restored', 3), unseen)).toBe('count');
    expect(liveAction(change('task.updated', 2), unseen)).toBe('count');
    expect(liveAction(change('task.deleted', 2), unseen)).toBe('ignore');
  });

  it('leaves a row alone while my own write to it is in flight', () => {
    const row = { knownVersion: 4, shown: true, writing: true };
    expect(liveAction(change('task.updated', 5), row)).toBe('ignore');
    expect(liveAction(change('task.deleted', 5), row)).toBe('drop');
  });
});
