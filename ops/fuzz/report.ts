import { formatRequest } from './request-model';
import type { FuzzReport, StatusClass } from './runner';

const CLASSES: StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'none'];

function indent(text: string, by = '      '): string {
  return text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

/** How to get one request of a run again (`path` as fast-check reports it). */
export function replayCommand(seed: number, path: string): string {
  return `npm run fuzz -- --seed ${seed} --replay ${path}`;
}

/** The summary printed at the end of a run: volumes per operation, warnings, failures. */
export function formatReport(report: FuzzReport): string {
  const lines: string[] = [];
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  lines.push(
    `fuzz: seed ${report.seed}: ${report.sent} requests in ${seconds} s` +
      (report.outOfTime ? ` (time budget ran out before ${report.requested})` : ''),
    `  expensive requests sent: ${report.costly.argon2} argon2, ${report.costly.export} export` +
      ` (over the caps and skipped: ${report.skipped.argon2} argon2, ${report.skipped.export} export)`,
    '',
    'Requests by operation and status class:',
  );
  const names = Object.keys(report.byOperation).sort();
  const width = Math.max(...names.map((name) => name.length), 9);
  lines.push(`  ${'operation'.padEnd(width)} ${CLASSES.map((c) => c.padStart(6)).join('')}`);
  const totals: Record<StatusClass, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 };
  for (const name of names) {
    const counts = report.byOperation[name] ?? totals;
    for (const c of CLASSES) totals[c] += counts[c];
    lines.push(
      `  ${name.padEnd(width)} ${CLASSES.map((c) => String(counts[c]).padStart(6)).join('')}`,
    );
  }
  lines.push(
    `  ${'total'.padEnd(width)} ${CLASSES.map((c) => String(totals[c]).padStart(6)).join('')}`,
  );

  const slowest = Object.entries(report.timeByOperation)
    .sort(([, a], [, b]) => b.totalMs - a.totalMs)
    .slice(0, 5)
    .map(([name, time]) => `${name} ${(time.totalMs / 1000).toFixed(1)} s (max ${time.maxMs} ms)`);
  lines.push(`  most time waiting: ${slowest.join(', ')}`);

  if (report.warnings.length > 0) {
    lines.push('', 'Warnings (not failures):');
    // Framework statuses (414, 431…) answer on any route: one line per status, not per route.
    const undeclared = new Map<string, { count: number; operations: number }>();
    for (const warning of report.warnings) {
      const [operation, kind, status] = warning.signature.split(' ');
      if (kind === 'undeclared-status' && operation !== undefined) {
        const entry = undeclared.get(status ?? '') ?? { count: 0, operations: 0 };
        undeclared.set(status ?? '', {
          count: entry.count + warning.count,
          operations: entry.operations + 1,
        });
      } else {
        lines.push(`  ${warning.signature} ×${warning.count}: ${warning.example.slice(0, 300)}`);
      }
    }
    for (const [status, entry] of [...undeclared].sort()) {
      lines.push(
        `  undeclared-status ${status} ×${entry.count}, on ${entry.operations} operations`,
      );
    }
  }

  lines.push('');
  if (report.failures.length === 0) {
    lines.push('No failures.');
    return lines.join('\n');
  }
  const total = report.failures.reduce((sum, group) => sum + group.count, 0);
  lines.push(`FAILURES: ${total} requests, ${report.failures.length} distinct:`);
  report.failures.forEach((group, n) => {
    lines.push(
      '',
      `  ${n + 1}. ${group.signature} ×${group.count}`,
      `     first at index ${group.first.index}: ${group.first.message}`,
    );
    if (group.minimal !== undefined) {
      lines.push(
        `     minimal request (shrunk in ${group.minimal.attempts} requests): ${group.minimal.message}`,
        indent(formatRequest(group.minimal.request)),
        `     replay: ${replayCommand(report.seed, group.minimal.path)}`,
      );
    } else {
      lines.push(
        `     request${group.shrinkNote === undefined ? '' : ` (${group.shrinkNote})`}:`,
        indent(formatRequest(group.first.request)),
        `     replay: ${replayCommand(report.seed, String(group.first.index))}`,
      );
    }
  });
  return lines.join('\n');
}
