import type { AttemptRecord, FaultWindow } from '../records';
import type { Reconciliation } from './reconcile';

export interface VerdictInput {
  reconciliation: Reconciliation;
  /** Every attempt that did not end in a 2xx. */
  failures: readonly AttemptRecord[];
  windows: readonly FaultWindow[];
  /** Writes the client gave up on (no 2xx before its deadline). */
  givenUp: number;
  outbox: { drained: boolean; left: number };
  chain: { ok: boolean; checked: number; reason?: string; firstBadSeq?: string };
  /** Problems with the app processes: crashes, unclean exits on SIGTERM, not ready at the end. */
  processProblems: readonly string[];
}

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

export interface Verdict {
  passed: boolean;
  checks: Check[];
}

function overlaps(attempt: AttemptRecord, window: FaultWindow): boolean {
  return attempt.startedAt <= window.endedAt && attempt.endedAt >= window.startedAt;
}

function during(
  attempt: AttemptRecord,
  windows: readonly FaultWindow[],
  name: FaultWindow['name'],
) {
  return windows.some((w) => w.name === name && overlaps(attempt, w));
}

/** `n× kind` per kind, most frequent first, for details. */
function summarize(attempts: readonly AttemptRecord[]): string {
  const counts = new Map<string, number>();
  for (const a of attempts)
    counts.set(`${a.kind} (${a.phase})`, (counts.get(`${a.kind} (${a.phase})`) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n}× ${kind}`)
    .join(', ');
}

/**
 * An error is acceptable only while Postgres itself is down, and only as a 503 problem+json or
 * a broken connection (which the client retries). A refused connection is the router's signal
 * that an instance stopped listening, acceptable only while an API instance is being restarted.
 */
function isAcceptable(attempt: AttemptRecord, windows: readonly FaultWindow[]): boolean {
  if (attempt.category === 'refused') return during(attempt, windows, 'api-rolling-restart');
  if (!during(attempt, windows, 'postgres-restart')) return false;
  if (attempt.category === 'connection') return true;
  return attempt.category === 'http' && attempt.status === 503 && attempt.problemJson;
}

/** The drill's pass criteria, each with what was found; it passes when all hold. */
export function verdict(input: VerdictInput): Verdict {
  const r = input.reconciliation;
  const hangs = input.failures.filter((a) => a.category === 'timeout');
  const rolling = input.failures.filter(
    (a) => a.category !== 'refused' && during(a, input.windows, 'api-rolling-restart'),
  );
  const unacceptable = input.failures.filter((a) => !isAcceptable(a, input.windows));
  const first = (items: readonly string[]) =>
    items.length === 0 ? '' : `: ${items.slice(0, 5).join('; ')}${items.length > 5 ? '; …' : ''}`;

  const checks: Check[] = [
    {
      name: 'No acknowledged write lost',
      passed: r.lost.length === 0 && r.inconsistent.length === 0,
      detail:
        r.lost.length + r.inconsistent.length === 0
          ? `${r.acknowledged} acknowledged; every create's row and every update's effect found`
          : `${r.lost.length} lost, ${r.inconsistent.length} inconsistent${first([...r.lost, ...r.inconsistent])}`,
    },
    {
      name: 'Every applied write audited exactly once',
      passed: r.duplicated.length + r.unaudited.length + r.stray.length === 0,
      detail:
        r.duplicated.length + r.unaudited.length + r.stray.length === 0
          ? `${r.auditedOnce} writes, ${r.taskEvents} task events, one each`
          : `${r.duplicated.length} duplicated, ${r.unaudited.length} unaudited, ${r.stray.length} stray${first([...r.duplicated, ...r.unaudited, ...r.stray])}`,
    },
    {
      name: 'Every write acknowledged in the end',
      passed: input.givenUp === 0,
      detail:
        input.givenUp === 0
          ? `all ${r.writes} writes got a 2xx`
          : `${input.givenUp} writes given up`,
    },
    {
      name: 'Rolling restart: zero failed requests',
      passed: rolling.length === 0,
      detail: rolling.length === 0 ? 'none' : summarize(rolling),
    },
    {
      name: 'Errors only while Postgres is down, only as 503 problem+json or connection errors',
      passed: unacceptable.length === 0,
      detail:
        unacceptable.length === 0
          ? `${input.failures.length} failed attempts, all acceptable`
          : summarize(unacceptable),
    },
    {
      name: 'No hangs (no request reached its timeout)',
      passed: hangs.length === 0,
      detail: hangs.length === 0 ? 'none' : summarize(hangs),
    },
    {
      name: 'Audit outbox drained',
      passed: input.outbox.drained,
      detail: input.outbox.drained ? 'empty' : `${input.outbox.left} events still unsealed`,
    },
    {
      name: 'Audit chain verifies',
      passed: input.chain.ok,
      detail: input.chain.ok
        ? `${input.chain.checked} events checked`
        : `broken at seq ${input.chain.firstBadSeq ?? '?'}: ${input.chain.reason ?? 'unknown'}`,
    },
    {
      name: 'Processes: clean exit (code 0) on SIGTERM, no crash, ready at the end',
      passed: input.processProblems.length === 0,
      detail: input.processProblems.length === 0 ? 'yes' : input.processProblems.join('; '),
    },
  ];
  return { passed: checks.every((c) => c.passed), checks };
}
