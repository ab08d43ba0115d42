import type { AttemptRecord } from './records';

export interface PhaseFigures {
  phase: string;
  startedAt: number;
  endedAt: number;
  sent: number;
  ok: number;
  /** Error attempts by kind (`503 service-unavailable`, `connection refused`, …). */
  errors: Record<string, number>;
  latenciesMs: number[];
}

/**
 * The attempts of the run, counted per phase (the phase in which each attempt ended); the
 * failed ones are also kept whole, for the verdict's time-window checks.
 */
export class PhaseStats {
  private readonly phases: PhaseFigures[] = [];
  readonly failures: AttemptRecord[] = [];

  constructor(first: string, now = Date.now()) {
    this.begin(first, now);
  }

  get current(): string {
    return this.last().phase;
  }

  begin(phase: string, now = Date.now()): void {
    const previous = this.phases.at(-1);
    if (previous) previous.endedAt = now;
    this.phases.push({
      phase,
      startedAt: now,
      endedAt: now,
      sent: 0,
      ok: 0,
      errors: {},
      latenciesMs: [],
    });
  }

  end(now = Date.now()): void {
    this.last().endedAt = now;
  }

  record(attempt: AttemptRecord): void {
    const figures = this.phases.find((p) => p.phase === attempt.phase) ?? this.last();
    figures.sent += 1;
    figures.latenciesMs.push(attempt.endedAt - attempt.startedAt);
    if (attempt.category === 'ok') {
      figures.ok += 1;
      return;
    }
    figures.errors[attempt.kind] = (figures.errors[attempt.kind] ?? 0) + 1;
    this.failures.push(attempt);
  }

  all(): readonly PhaseFigures[] {
    return this.phases;
  }

  totals(): { sent: number; ok: number; errors: number } {
    return this.phases.reduce(
      (sum, p) => ({
        sent: sum.sent + p.sent,
        ok: sum.ok + p.ok,
        errors: sum.errors + Object.values(p.errors).reduce((a, b) => a + b, 0),
      }),
      { sent: 0, ok: 0, errors: 0 },
    );
  }

  private last(): PhaseFigures {
    const last = this.phases.at(-1);
    if (!last) throw new Error('no phase');
    return last;
  }
}
