import { applyTaskPatch, creationChanges, newTask, stateOfNew, TaskState } from './task-changes';

const base: TaskState = {
  title: 'Write report',
  description: '',
  status: 'todo',
  priority: 'medium',
  dueAt: new Date('2026-12-01T00:00:00Z'),
  assigneeId: null,
  labels: ['q4'],
  completedAt: null,
};
const now = new Date('2026-11-23T12:00:00Z');

describe('applyTaskPatch', () => {
  it('records before and after of changed fields only', () => {
    const { after, changes } = applyTaskPatch(
      base,
      { title: 'Write the report', labels: ['q4'], priority: 'medium' },
      now,
    );
    expect(after.title).toBe('Write the report');
    expect(changes).toEqual({ title: { before: 'Write report', after: 'Write the report' } });
  });

  it('sets completedAt when the status becomes done and clears it when it leaves', () => {
    const done = applyTaskPatch(base, { status: 'done' }, now);
    expect(done.after.completedAt).toEqual(now);
    expect(done.changes.completedAt).toEqual({ before: null, after: now.toISOString() });

    const stillDone = applyTaskPatch(done.after, { title: 'x' }, new Date('2027-01-01T00:00:00Z'));
    expect(stillDone.after.completedAt).toEqual(now);

    const reopened = applyTaskPatch(done.after, { status: 'in_progress' }, now);
    expect(reopened.after.completedAt).toBeNull();
    expect(reopened.changes.status).toEqual({ before: 'done', after: 'in_progress' });
  });

  it('treats null as "clear" and compares dates and label lists by value', () => {
    const { after, changes } = applyTaskPatch(
      base,
      { dueAt: null, labels: ['q4', 'finance'], assigneeId: null },
      now,
    );
    expect(after.dueAt).toBeNull();
    expect(changes).toEqual({
      dueAt: { before: '2026-12-01T00:00:00.000Z', after: null },
      labels: { before: ['q4'], after: ['q4', 'finance'] },
    });
    expect(applyTaskPatch(base, { dueAt: new Date(base.dueAt!.getTime()) }, now).changes).toEqual(
      {},
    );
  });
});

describe('creationChanges', () => {
  it('records every field as `after`, dates as ISO strings', () => {
    expect(creationChanges(base)).toEqual({
      title: { after: 'Write report' },
      description: { after: '' },
      status: { after: 'todo' },
      priority: { after: 'medium' },
      dueAt: { after: '2026-12-01T00:00:00.000Z' },
      assigneeId: { after: null },
      labels: { after: ['q4'] },
      completedAt: { after: null },
    });
  });
});

describe('newTask', () => {
  it('fills what the caller left out: todo, medium, no due date, no assignee, no labels', () => {
    expect(newTask({ title: 'Call the supplier' }, 'owner-1')).toEqual({
      title: 'Call the supplier',
      description: '',
      status: 'todo',
      priority: 'medium',
      dueAt: null,
      assigneeId: null,
      labels: [],
      ownerId: 'owner-1',
    });
  });
});

describe('stateOfNew', () => {
  it('is the audited state of a new task: no owner, completedAt left to the database', () => {
    const task = newTask({ title: 'Ship it', status: 'done', labels: ['x'] }, 'owner-1');
    expect(stateOfNew(task)).toEqual({
      title: 'Ship it',
      description: '',
      status: 'done',
      priority: 'medium',
      dueAt: null,
      assigneeId: null,
      labels: ['x'],
      completedAt: null,
    });
  });
});
