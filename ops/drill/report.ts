import type { PhaseFigures } from './phase-stats';
import type { FaultWindow, WriteRecord } from './records';
import type { Reconciliation } from './verdict/reconcile';
import type { Verdict } from './verdict/verdict';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function errorsCell(errors: Record<string, number>): string {
  const entries = Object.entries(errors).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? '0' : entries.map(([kind, n]) => `${n}× ${kind}`).join(', ');
}

/** Requests per phase: sent, 2xx, errors by kind, latency. */
export function phaseTable(phases: readonly PhaseFigures[]): string[] {
  const rows = phases.map((p) => {
    const sorted = [...p.latenciesMs].sort((a, b) => a - b);
    const seconds = (p.endedAt - p.startedAt) / 1000;
    return [
      p.phase,
      seconds.toFixed(1),
      String(p.sent),
      seconds > 0 ? (p.sent / seconds).toFixed(0) : '-',
      String(p.ok),
      errorsCell(p.errors),
      String(percentile(sorted, 50)),
      String(percentile(sorted, 99)),
      String(sorted.at(-1) ?? 0),
    ];
  });
  const sum = (pick: (p: PhaseFigures) => number) => phases.reduce((s, p) => s + pick(p), 0);
  const errors: Record<string, number> = {};
  for (const p of phases)
    for (const [k, n] of Object.entries(p.errors)) errors[k] = (errors[k] ?? 0) + n;
  const all = phases.flatMap((p) => p.latenciesMs).sort((a, b) => a - b);
  const first = phases[0];
  const last = phases.at(-1);
  const seconds = first && last ? (last.endedAt - first.startedAt) / 1000 : 0;
  rows.push([
    '**total**',
    seconds.toFixed(1),
    String(sum((p) => p.sent)),
    seconds > 0 ? (sum((p) => p.sent) / seconds).toFixed(0) : '-',
    String(sum((p) => p.ok)),
    errorsCell(errors),
    String(percentile(all, 50)),
    String(percentile(all, 99)),
    String(all.at(-1) ?? 0),
  ]);
  return table(
    ['phase', 's', 'requests', 'req/s', '2xx', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
    rows,
  );
}

/** When each fault was in effect, relative to the start of the load. */
export function faultTable(windows: readonly FaultWindow[], loadStartedAt: number): string[] {
  return table(
    ['fault', 'at s', 'lasted s'],
    windows.map((w) => [
      w.name,
      ((w.startedAt - loadStartedAt) / 1000).toFixed(1),
      ((w.endedAt - w.startedAt) / 1000).toFixed(1),
    ]),
  );
}

export function writesTable(r: Reconciliation, writes: readonly WriteRecord[]): string[] {
  const creates = writes.filter((w) => w.kind === 'create').length;
  const count = (pick: (w: WriteRecord) => boolean) => String(writes.filter(pick).length);
  return table(
    ['writes', 'count'],
    [
      ['logical writes (creates + updates)', `${r.writes} (${creates} + ${r.writes - creates})`],
      ['acknowledged (2xx)', String(r.acknowledged)],
      ['retried (more than one attempt)', count((w) => w.attempts > 1)],
      ['acknowledged by an idempotent replay', count((w) => w.replayed)],
      ['given up by the client', count((w) => !w.acknowledged)],
      ['applied though not acknowledged', String(r.appliedUnacknowledged)],
      ['acknowledged creates found as rows', String(r.rowsFound)],
      ['writes audited exactly once', String(r.auditedOnce)],
      ['task audit events sealed', String(r.taskEvents)],
      [
        'lost / duplicated / unaudited / inconsistent / stray',
        [r.lost, r.duplicated, r.unaudited, r.inconsistent, r.stray]
          .map((l) => l.length)
          .join(' / '),
      ],
    ],
  );
}

export function checksTable(result: Verdict): string[] {
  return table(
    ['criterion', 'result', 'found'],
    result.checks.map((c) => [c.name, c.passed ? 'pass' : '**FAIL**', c.detail]),
  );
}
