import type { AttemptRecord, FaultWindow } from '../records';
import type { Reconciliation } from './reconcile';
import { verdict, type VerdictInput } from './verdict';

const windows: FaultWindow[] = [
  { name: 'api-rolling-restart', startedAt: 1_000, endedAt: 2_000 },
  { name: 'redis-outage', startedAt: 3_000, endedAt: 4_000 },
  { name: 'postgres-restart', startedAt: 5_000, endedAt: 6_000 },
];

const clean: Reconciliation = {
  writes: 10,
  acknowledged: 10,
  appliedUnacknowledged: 0,
  rowsFound: 3,
  auditedOnce: 10,
  taskEvents: 10,
  lost: [],
  duplicated: [],
  unaudited: [],
  inconsistent: [],
  stray: [],
};

function input(failures: AttemptRecord[] = [], changes: Partial<VerdictInput> = {}): VerdictInput {
  return {
    reconciliation: clean,
    failures,
    windows,
    givenUp: 0,
    outbox: { drained: true, left: 0 },
    chain: { ok: true, checked: 12 },
    processProblems: [],
    ...changes,
  };
}

/** A failed attempt from `at` to `at + 20` ms. */
function failed(
  at: number,
  category: AttemptRecord['category'],
  status?: number,
  problemJson = true,
): AttemptRecord {
  return {
    phase: 'p',
    backend: 'api-1',
    writeId: 'w1',
    startedAt: at,
    endedAt: at + 20,
    category,
    kind: `${category} ${status ?? ''}`.trim(),
    ...(status !== undefined && { status }),
    problemJson,
  };
}

const failedChecks = (result: ReturnType<typeof verdict>) =>
  result.checks.filter((c) => !c.passed).map((c) => c.name);

describe('verdict', () => {
  it('passes a run with no failure', () => {
    expect(verdict(input())).toMatchObject({ passed: true });
  });

  it('accepts 503 problems and broken connections while Postgres is down', () => {
    const result = verdict(input([failed(5_100, 'http', 503), failed(5_990, 'connection')]));
    expect(failedChecks(result)).toEqual([]);
  });

  it('refuses a 500 while Postgres is down, and a 503 that is no problem+json', () => {
    const result = verdict(input([failed(5_100, 'http', 500), failed(5_200, 'http', 503, false)]));
    expect(failedChecks(result)).toEqual([
      'Errors only while Postgres is down, only as 503 problem+json or connection errors',
    ]);
  });

  it('refuses any error while Postgres is up, Redis outage included', () => {
    const result = verdict(input([failed(3_500, 'http', 503)]));
    expect(result.passed).toBe(false);
  });

  it('takes a refused connection during the rolling restart as routing, a reset as a failure', () => {
    expect(verdict(input([failed(1_500, 'refused')])).passed).toBe(true);
    expect(failedChecks(verdict(input([failed(1_500, 'connection')])))).toEqual([
      'Rolling restart: zero failed requests',
      'Errors only while Postgres is down, only as 503 problem+json or connection errors',
    ]);
    // Refused outside a restart means an instance was gone: not routing.
    expect(verdict(input([failed(7_000, 'refused')])).passed).toBe(false);
  });

  it('fails on a hang even while Postgres is down', () => {
    expect(failedChecks(verdict(input([failed(5_100, 'timeout')])))).toContain(
      'No hangs (no request reached its timeout)',
    );
  });

  it('fails on a lost write, a write given up, an undrained outbox or a broken chain', () => {
    const lost = { ...clean, lost: ['w1 (create): acknowledged, but no task row'] };
    expect(verdict(input([], { reconciliation: lost })).passed).toBe(false);
    expect(verdict(input([], { givenUp: 1 })).passed).toBe(false);
    expect(verdict(input([], { outbox: { drained: false, left: 3 } })).passed).toBe(false);
    expect(verdict(input([], { chain: { ok: false, checked: 4, firstBadSeq: '5' } })).passed).toBe(
      false,
    );
    expect(verdict(input([], { processProblems: ['api-1 ended SIGTERM unclean'] })).passed).toBe(
      false,
    );
  });
});
