import type { Lsn } from './lsn';

/**
 * The rules that send a read to a replica or to the primary, as pure functions over what the
 * background poll learnt (docs/operations.md, "Read replicas"). `ReplicaMonitor` feeds them,
 * `ReadRouter` follows them.
 */

/** `up`: serves reads. `lagging`: reachable but too far behind. `down`: unreachable or not a standby. */
export type ReplicaState = 'up' | 'lagging' | 'down';

/** The primary's WAL position at a moment: every write committed before `at` is at or below `lsn`. */
export interface WalSample {
  at: number;
  lsn: Lsn;
}

/** One poll of a replica. */
export interface ReplicaProbe {
  probedAt: number;
  inRecovery: boolean;
  /** `pg_last_wal_replay_lsn()`; null while the standby has replayed nothing yet. */
  replayLsn: Lsn | null;
  /** The replica's own estimate, `now() - pg_last_xact_replay_timestamp()` (null: never replayed a commit). */
  reportedLagMs: number | null;
}

/** What the router knows of a replica between two polls. */
export interface ReplicaView {
  state: ReplicaState;
  /** Milliseconds of primary writes the replica has not replayed; null when unknown. */
  lagMs: number | null;
  replayLsn: Lsn | null;
  /** Why it is not `up`. */
  message?: string;
}

/** Polls often enough that a lag is known to within a fifth of the allowed lag, at most once per 100 ms. */
export function pollIntervalMs(maxLagMs: number): number {
  return Math.min(1000, Math.max(100, Math.floor(maxLagMs / 5)));
}

/**
 * How long a writer's position is remembered. A replica is used only while its lag is under
 * `maxLagMs`, measured by a poll at most `interval` old against samples `interval` apart, so
 * once this much time has passed every replica the router would pick holds the write anyway.
 */
export function writerPositionTtlMs(maxLagMs: number): number {
  return maxLagMs + 2 * pollIntervalMs(maxLagMs) + 1000;
}

/**
 * Adds a sample of the primary's position: kept only when the position moved (the first
 * sample at a position says since when the primary has been there) and pruning those older
 * than `historyMs`, always keeping the newest.
 */
export function addSample(
  samples: readonly WalSample[],
  sample: WalSample,
  historyMs: number,
): WalSample[] {
  const last = samples.at(-1);
  const next = last === undefined || sample.lsn > last.lsn ? [...samples, sample] : [...samples];
  const oldest = sample.at - historyMs;
  const firstKept = next.findIndex((kept) => kept.at >= oldest);
  return firstKept === -1 ? next.slice(-1) : next.slice(Math.min(firstKept, next.length - 1));
}

/**
 * Milliseconds since the primary first held WAL the replica has not replayed: 0 when it has
 * replayed the newest sample. When it is behind even the oldest sample kept, the lag is at
 * least that sample's age; the replica's own estimate may say more. Null when no sample exists.
 */
export function replicaLagMs(
  samples: readonly WalSample[],
  replayLsn: Lsn,
  probedAt: number,
  reportedLagMs: number | null,
): number | null {
  if (samples.length === 0) return null;
  const index = samples.findIndex((sample) => sample.lsn > replayLsn);
  if (index === -1) return 0;
  const sinceSample = Math.max(0, probedAt - samples[index].at);
  return index === 0 ? Math.max(sinceSample, reportedLagMs ?? 0) : sinceSample;
}

/** A replica's view from one poll (or the error the poll met). */
export function viewOf(
  probe: ReplicaProbe | Error,
  samples: readonly WalSample[],
  maxLagMs: number,
): ReplicaView {
  if (probe instanceof Error) {
    return { state: 'down', lagMs: null, replayLsn: null, message: probe.message };
  }
  if (!probe.inRecovery) {
    // A promoted standby takes writes of its own: its data no longer follows the primary's.
    return {
      state: 'down',
      lagMs: null,
      replayLsn: null,
      message: 'not a standby (pg_is_in_recovery() is false)',
    };
  }
  if (probe.replayLsn === null) {
    return { state: 'down', lagMs: null, replayLsn: null, message: 'has replayed no WAL yet' };
  }
  const lagMs = replicaLagMs(samples, probe.replayLsn, probe.probedAt, probe.reportedLagMs);
  if (lagMs === null) {
    return {
      state: 'lagging',
      lagMs,
      replayLsn: probe.replayLsn,
      message: 'lag unknown: the primary position has not been sampled yet',
    };
  }
  if (lagMs > maxLagMs) {
    return {
      state: 'lagging',
      lagMs,
      replayLsn: probe.replayLsn,
      message: `${lagMs} ms behind the primary (limit ${maxLagMs} ms)`,
    };
  }
  return { state: 'up', lagMs, replayLsn: probe.replayLsn };
}

/**
 * The replica (index into `views`) to serve a read, or undefined for the primary: one that is
 * `up` and, when the reader wrote recently (`writerLsn`), has replayed past that write. Turns
 * rotate over the eligible replicas.
 */
export function pickReplica(
  views: readonly ReplicaView[],
  writerLsn: Lsn | null,
  turn: number,
): number | undefined {
  const eligible: number[] = [];
  views.forEach((view, index) => {
    if (view.state !== 'up') return;
    if (writerLsn !== null && (view.replayLsn === null || view.replayLsn < writerLsn)) return;
    eligible.push(index);
  });
  return eligible.length === 0 ? undefined : eligible[turn % eligible.length];
}

/** Whether any replica could serve some reader right now (else the writer lookup is skipped). */
export function anyReplicaUp(views: readonly ReplicaView[]): boolean {
  return views.some((view) => view.state === 'up');
}
