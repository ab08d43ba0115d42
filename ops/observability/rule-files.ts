import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as yaml from 'js-yaml';

/** Where the alert rules, the dashboard and the runbook live, from the repository root. */
export const OBSERVABILITY_DIR = __dirname;
export const ALERTS_FILE = join(OBSERVABILITY_DIR, 'alerts.yaml');
export const DASHBOARD_FILE = join(OBSERVABILITY_DIR, 'dashboard.json');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface RecordingRule {
  record: string;
  expr: string;
}
export interface RuleGroup {
  name: string;
  rules: (AlertRule | RecordingRule)[];
}

export function loadRuleGroups(file = ALERTS_FILE): RuleGroup[] {
  const parsed = yaml.load(readFileSync(file, 'utf8')) as { groups?: RuleGroup[] } | null;
  return parsed?.groups ?? [];
}

export interface PanelTarget {
  panel: string;
  expr: string;
}

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every PromQL query of every panel (rows' nested panels included). */
export function dashboardTargets(file = DASHBOARD_FILE): PanelTarget[] {
  const dashboard = JSON.parse(readFileSync(file, 'utf8')) as { panels?: Panel[] };
  const walk = (panels: Panel[]): PanelTarget[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? [])
        .filter((target) => typeof target.expr === 'string')
        .map((target) => ({ panel: panel.title ?? '(untitled)', expr: target.expr as string })),
      ...walk(panel.panels ?? []),
    ]);
  return walk(dashboard.panels ?? []);
}

/** Prometheus durations: `5m`, `1h30m`, `0s`. */
export const PROMETHEUS_DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
