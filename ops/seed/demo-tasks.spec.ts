import { TASK_PRIORITIES, TASK_STATUSES } from '../../api/src/tasks';
import { demoTask } from './demo-tasks';

const now = new Date('2026-03-15T12:00:00Z');
const people = { ownerIds: ['o1', 'o2', 'admin'], assigneeIds: ['o1', 'o2'] };
const DAY = 86_400_000;

describe('demoTask', () => {
  const tasks = Array.from({ length: 3000 }, (_, index) => demoTask(index, now, people));

  it('is the same task for the same index', () => {
    expect(demoTask(41, now, people)).toEqual(tasks[41]);
    expect(demoTask(41, now, people)).not.toEqual(tasks[42]);
  });

  it('spreads over every status, priority, label count, owner and assignee', () => {
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(TASK_STATUSES));
    expect(new Set(tasks.map((t) => t.priority))).toEqual(new Set(TASK_PRIORITIES));
    expect(new Set(tasks.map((t) => t.labels.length))).toEqual(new Set([0, 1, 2, 3]));
    expect(new Set(tasks.map((t) => t.ownerId))).toEqual(new Set(people.ownerIds));
    expect(new Set(tasks.map((t) => t.assigneeId))).toEqual(new Set([null, 'o1', 'o2']));
  });

  it('has overdue tasks, tasks due this week, and completions on most of the last 30 days', () => {
    const open = tasks.filter((t) => t.status !== 'done');
    const overdue = open.filter((t) => t.dueAt && t.dueAt < now);
    const thisWeek = open.filter(
      (t) => t.dueAt && t.dueAt >= now && t.dueAt.getTime() < now.getTime() + 7 * DAY,
    );
    expect(overdue.length).toBeGreaterThan(100);
    expect(thisWeek.length).toBeGreaterThan(100);

    const done = tasks.filter((t) => t.status === 'done');
    const misplaced = done.filter(
      (t) =>
        t.completedAt! <= new Date(now.getTime() - 30 * DAY) ||
        t.completedAt! >= now ||
        t.createdAt >= t.completedAt!,
    );
    expect(misplaced).toEqual([]);
    const days = new Set(done.map((t) => t.completedAt!.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(28);
    expect(open.every((t) => t.completedAt === null && t.createdAt < now)).toBe(true);
  });
});
