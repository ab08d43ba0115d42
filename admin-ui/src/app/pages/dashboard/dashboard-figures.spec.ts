import type { TaskStats } from './dashboard-api';
import {
  barRows,
  dayLabel,
  openTasks,
  PRIORITY_LABELS,
  seriesSummary,
  STATUS_LABELS,
} from './dashboard-figures';

const stats: TaskStats = {
  byStatus: { todo: 2, in_progress: 1, blocked: 0, done: 4 },
  byPriority: { low: 0, medium: 5, high: 1, urgent: 1 },
  completedPerDay: [],
  dueNext7Days: 1,
  overdue: 0,
};

describe('dashboard figures', () => {
  it('scales bars to the largest count, in label order', () => {
    expect(barRows(stats.byStatus, STATUS_LABELS)).toEqual([
      { key: 'todo', label: 'To do', count: 2, percent: 50 },
      { key: 'in_progress', label: 'In progress', count: 1, percent: 25 },
      { key: 'blocked', label: 'Blocked', count: 0, percent: 0 },
      { key: 'done', label: 'Done', count: 4, percent: 100 },
    ]);
    expect(barRows(stats.byPriority, PRIORITY_LABELS).map((row) => row.key)).toEqual([
      'urgent',
      'high',
      'medium',
      'low',
    ]);
  });

  it('draws no bar when every count is zero', () => {
    const rows = barRows({ todo: 0, in_progress: 0, blocked: 0, done: 0 }, STATUS_LABELS);
    expect(rows.every((row) => row.percent === 0)).toBe(true);
  });

  it('counts open tasks as everything not done', () => {
    expect(openTasks(stats)).toBe(3);
  });

  it('labels UTC days briefly', () => {
    expect(dayLabel('2026-11-23')).toBe('23 Nov');
    expect(dayLabel('nonsense')).toBe('nonsense');
  });

  it('summarises a series for screen readers', () => {
    const series = [
      { date: '2026-11-21', count: 1 },
      { date: '2026-11-22', count: 3 },
      { date: '2026-11-23', count: 0 },
    ];
    expect(seriesSummary('Tasks completed per day', series)).toBe(
      'Tasks completed per day, last 3 days: 4 in total; busiest day 22 Nov with 3.',
    );
    expect(seriesSummary('Events per day', [{ date: '2026-11-23', count: 0 }])).toBe(
      'Events per day, last 1 day: none.',
    );
    expect(seriesSummary('Events per day', [])).toBe('Events per day: no data.');
  });
});
