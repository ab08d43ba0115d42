import type { DailyCount, TaskStats } from './dashboard-api';

export interface BarRow {
  key: string;
  label: string;
  count: number;
  /** Width of the bar, 0–100, relative to the largest count of the group. */
  percent: number;
}

export const STATUS_LABELS = {
  todo: 'To do',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
} as const satisfies Record<keyof TaskStats['byStatus'], string>;

export const PRIORITY_LABELS = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
} as const satisfies Record<keyof TaskStats['byPriority'], string>;

/** Counts as bar rows in the order of `labels`, scaled to the group's largest count. */
export function barRows<K extends string>(
  counts: Readonly<Record<K, number>>,
  labels: Readonly<Record<K, string>>,
): BarRow[] {
  const keys = Object.keys(labels) as K[];
  const max = Math.max(0, ...keys.map((key) => counts[key] ?? 0));
  return keys.map((key) => {
    const count = counts[key] ?? 0;
    return {
      key,
      label: labels[key],
      count,
      percent: max === 0 ? 0 : Math.round((count / max) * 100),
    };
  });
}

/** Tasks not done yet. */
export function openTasks(stats: TaskStats): number {
  const { todo, in_progress, blocked } = stats.byStatus;
  return todo + in_progress + blocked;
}

/** A UTC day (`2026-11-23`) as a short label ("23 Nov"). */
export function dayLabel(date: string, locale = 'en-GB'): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(day);
}

/**
 * A one-sentence text alternative of a daily series, for screen readers:
 * "Tasks completed per day, last 30 days: 7 in total; busiest day 23 Nov with 3."
 */
export function seriesSummary(title: string, series: readonly DailyCount[]): string {
  if (series.length === 0) return `${title}: no data.`;
  const total = series.reduce((sum, point) => sum + point.count, 0);
  const span = `last ${series.length} ${series.length === 1 ? 'day' : 'days'}`;
  if (total === 0) return `${title}, ${span}: none.`;
  const busiest = series.reduce((best, point) => (point.count > best.count ? point : best));
  return `${title}, ${span}: ${total} in total; busiest day ${dayLabel(busiest.date)} with ${busiest.count}.`;
}
