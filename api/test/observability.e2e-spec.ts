import { DiscoveryService } from '@nestjs/core';
import type { Queue } from 'bull';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueName } from '../../ops/db/test-database';
import { deleteRedisKeys } from '../../ops/dev-services/redis-keys';
import {
  exposedFamilies,
  familyOf,
  metricNamesIn,
} from '../../ops/observability/promql-metric-names';
import {
  AlertRule,
  dashboardTargets,
  headingAnchor,
  loadRuleGroups,
  PROMETHEUS_DURATION,
} from '../../ops/observability/rule-files';
import { registeredQueues } from '../src/queue/registered-queues';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const repoRoot = join(__dirname, '../..');

const groups = loadRuleGroups();
const alerts = groups.flatMap((group) =>
  group.rules.filter((rule): rule is AlertRule => 'alert' in rule),
);
const recorded = new Set(
  groups.flatMap((group) => group.rules.flatMap((rule) => ('record' in rule ? [rule.record] : []))),
);
const panelTargets = dashboardTargets();

describe('alert rules and dashboard (ops/observability)', () => {
  it('every alert has an expression, a duration, a severity and its annotations', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const alert of alerts) {
      const where = `alert ${alert.alert}`;
      expect({ where, expr: typeof alert.expr === 'string' && alert.expr.trim() !== '' }).toEqual({
        where,
        expr: true,
      });
      expect({ where, for: PROMETHEUS_DURATION.test(String(alert.for)) }).toEqual({
        where,
        for: true,
      });
      const severity = alert.labels?.severity ?? '(none)';
      expect({
        where,
        severity,
        known: ['critical', 'warning', 'info'].includes(severity),
      }).toEqual({ where, severity, known: true });
      for (const key of ['summary', 'description', 'runbook_url']) {
        expect({ where, key, present: (alert.annotations?.[key] ?? '').trim() !== '' }).toEqual({
          where,
          key,
          present: true,
        });
      }
    }
    expect(new Set(alerts.map((alert) => alert.alert)).size).toBe(alerts.length);
  });

  it('every runbook_url points at a heading of docs/operations.md named after the alert', () => {
    const headings = new Set(
      readFileSync(join(repoRoot, 'docs/operations.md'), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('#'))
        .map((line) => headingAnchor(line.replace(/^#+/, ''))),
    );
    for (const alert of alerts) {
      const url = new URL(alert.annotations?.runbook_url ?? '');
      expect(url.pathname).toMatch(/\/docs\/operations\.md$/);
      const anchor = url.hash.slice(1);
      expect({ alert: alert.alert, anchor }).toEqual({
        alert: alert.alert,
        anchor: alert.alert.toLowerCase(),
      });
      expect({ anchor, inDocs: headings.has(anchor) }).toEqual({ anchor, inDocs: true });
    }
  });

  it('every route a matcher names is a route the app serves', () => {
    const spec = JSON.parse(readFileSync(join(repoRoot, 'libs/sdk/openapi.json'), 'utf8')) as {
      paths: Record<string, unknown>;
    };
    // The route label holds Fastify templates (`:id`); the spec writes `{id}`.
    const served = new Set([
      '/metrics',
      ...Object.keys(spec.paths).map((path) => path.replace(/\{(\w+)\}/g, ':$1')),
    ]);
    const exprs = [...alerts.map((alert) => alert.expr), ...panelTargets.map((t) => t.expr)];
    const routes = exprs.flatMap((expr) =>
      [...expr.matchAll(/route\s*[!=]~?\s*"([^"]*)"/g)].flatMap((match) => match[1].split('|')),
    );
    expect(routes.length).toBeGreaterThan(0);
    for (const route of new Set(routes)) {
      expect({ route, served: served.has(route) }).toEqual({ route, served: true });
    }
  });

  describe('against a running app', () => {
    const queuePrefix = uniqueName('tt_obs');
    let app: TestApp;
    let exposition: string;

    beforeAll(async () => {
      app = await startTestApp({ role: 'all', configOverrides: { QUEUE_PREFIX: queuePrefix } });
      // A job no processor handles fails at once (attempts: 1): a real failed job in a real queue.
      const queues: Queue[] = registeredQueues(app.app.get(DiscoveryService));
      expect(queues.length).toBeGreaterThan(0);
      await queues[0].add('observability-spec-unknown-job', {}, { attempts: 1 });
      await waitFor(
        async () => ((await queues[0].getFailedCount()) > 0 ? true : undefined),
        20_000,
        'the unhandled job to fail',
      );
      await fetch(`${app.baseUrl}/api/v1/health/ready`);
      await fetch(`${app.baseUrl}/metrics`); // so the next scrape has the scrape's own route
      exposition = await (await fetch(`${app.baseUrl}/metrics`)).text();
    });
    afterAll(async () => {
      await app?.close();
      await deleteRedisKeys(process.env.REDIS_URL ?? '', `${queuePrefix}:*`);
    });

    it('serves every metric the alerts and the dashboard select', () => {
      const families = exposedFamilies(exposition);
      const uses = [
        ...alerts.map((alert) => ({ where: `alert ${alert.alert}`, expr: alert.expr })),
        ...panelTargets.map((target) => ({ where: `panel ${target.panel}`, expr: target.expr })),
      ];
      const missing = new Map<string, string[]>();
      for (const { where, expr } of uses) {
        const names = metricNamesIn(expr);
        expect({ where, names: names.length > 0 }).toEqual({ where, names: true });
        for (const name of names) {
          if (recorded.has(name) || familyOf(name, families)) continue;
          missing.set(name, [...(missing.get(name) ?? []), where]);
        }
      }
      expect([...missing]).toEqual([]);
    });

    it('reports this process ready and the failed job by queue and state', () => {
      expect(exposition).toMatch(/^app_ready(\{[^}]*\})? 1$/m);
      expect(exposition).toMatch(/^queue_jobs\{[^}]*state="failed"[^}]*\} [1-9]/m);
      expect(exposition).toMatch(/^queue_jobs\{[^}]*state="waiting"[^}]*\} \d/m);
    });

    it('labels HTTP durations with the route templates the rules exclude', () => {
      for (const route of ['/api/v1/health/ready', '/metrics']) {
        expect(exposition).toContain(`route="${route}"`);
      }
    });
  });
});
