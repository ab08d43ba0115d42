import {
  addSample,
  pickReplica,
  pollIntervalMs,
  type ReplicaProbe,
  replicaLagMs,
  type ReplicaView,
  viewOf,
  type WalSample,
  writerPositionTtlMs,
} from './read-routing';

const up = (replayLsn: bigint): ReplicaView => ({ state: 'up', lagMs: 0, replayLsn });
const probe = (replayLsn: bigint | null, extra: Partial<ReplicaProbe> = {}): ReplicaProbe => ({
  probedAt: 10_000,
  inRecovery: true,
  replayLsn,
  reportedLagMs: null,
  ...extra,
});

describe('read routing rules', () => {
  describe('pickReplica', () => {
    it('sends a reader who wrote nothing recently to any replica that is up, in turns', () => {
      const views: ReplicaView[] = [
        up(100n),
        { state: 'lagging', lagMs: 9000, replayLsn: 50n },
        up(90n),
        { state: 'down', lagMs: null, replayLsn: null },
      ];
      expect([0, 1, 2, 3].map((turn) => pickReplica(views, null, turn))).toEqual([0, 2, 0, 2]);
    });

    it('sends a recent writer only to replicas that replayed their write, else to the primary', () => {
      const views = [up(100n), up(120n)];
      expect(pickReplica(views, 110n, 0)).toBe(1);
      expect(pickReplica(views, 110n, 1)).toBe(1);
      expect(pickReplica(views, 120n, 0)).toBe(1);
      expect(pickReplica(views, 121n, 0)).toBeUndefined();
    });

    it('sends everyone to the primary when no replica is up', () => {
      const views: ReplicaView[] = [
        { state: 'down', lagMs: null, replayLsn: null, message: 'connect ECONNREFUSED' },
        { state: 'lagging', lagMs: 60_000, replayLsn: 500n },
      ];
      expect(pickReplica(views, null, 0)).toBeUndefined();
      expect(pickReplica([], null, 0)).toBeUndefined();
    });
  });

  describe('replica lag', () => {
    const samples: WalSample[] = [
      { at: 1000, lsn: 100n },
      { at: 2000, lsn: 200n },
      { at: 3000, lsn: 300n },
    ];

    it('is 0 for a replica that replayed the newest position sampled', () => {
      expect(replicaLagMs(samples, 300n, 3500, null)).toBe(0);
      expect(replicaLagMs(samples, 350n, 3500, null)).toBe(0);
    });

    it('is the time since the primary first held WAL the replica lacks', () => {
      expect(replicaLagMs(samples, 250n, 3500, null)).toBe(500);
      expect(replicaLagMs(samples, 150n, 3500, null)).toBe(1500);
    });

    it('behind every sample kept, is at least the oldest sample’s age, or what the replica says', () => {
      expect(replicaLagMs(samples, 50n, 3500, null)).toBe(2500);
      expect(replicaLagMs(samples, 50n, 3500, 3_600_000)).toBe(3_600_000);
      expect(replicaLagMs(samples, 50n, 3500, 10)).toBe(2500);
    });

    it('is unknown before the primary was sampled', () => {
      expect(replicaLagMs([], 50n, 3500, 10)).toBeNull();
    });
  });

  describe('addSample', () => {
    it('keeps the first sample of each position and prunes old ones, never the newest', () => {
      let samples: WalSample[] = [];
      samples = addSample(samples, { at: 0, lsn: 10n }, 1000);
      samples = addSample(samples, { at: 100, lsn: 10n }, 1000);
      samples = addSample(samples, { at: 200, lsn: 20n }, 1000);
      expect(samples).toEqual([
        { at: 0, lsn: 10n },
        { at: 200, lsn: 20n },
      ]);
      samples = addSample(samples, { at: 1100, lsn: 30n }, 1000);
      expect(samples).toEqual([
        { at: 200, lsn: 20n },
        { at: 1100, lsn: 30n },
      ]);
      // An idle primary: the position has not moved for long, and its first sample stays.
      samples = addSample(samples, { at: 9000, lsn: 30n }, 1000);
      expect(samples).toEqual([{ at: 1100, lsn: 30n }]);
    });
  });

  describe('viewOf', () => {
    const samples: WalSample[] = [
      { at: 0, lsn: 100n },
      { at: 8000, lsn: 200n },
    ];

    it('is up within the allowed lag, lagging beyond it', () => {
      expect(viewOf(probe(200n), samples, 5000)).toEqual({
        state: 'up',
        lagMs: 0,
        replayLsn: 200n,
      });
      expect(viewOf(probe(150n), samples, 5000)).toEqual({
        state: 'up',
        lagMs: 2000,
        replayLsn: 150n,
      });
      expect(viewOf(probe(150n), samples, 1000)).toMatchObject({
        state: 'lagging',
        lagMs: 2000,
        message: '2000 ms behind the primary (limit 1000 ms)',
      });
    });

    it('is down when unreachable, promoted, or not replaying yet', () => {
      expect(viewOf(new Error('connect ECONNREFUSED'), samples, 5000)).toEqual({
        state: 'down',
        lagMs: null,
        replayLsn: null,
        message: 'connect ECONNREFUSED',
      });
      expect(viewOf(probe(200n, { inRecovery: false }), samples, 5000).state).toBe('down');
      expect(viewOf(probe(null), samples, 5000).state).toBe('down');
    });

    it('is lagging while the lag cannot be known', () => {
      expect(viewOf(probe(200n), [], 5000)).toMatchObject({ state: 'lagging', lagMs: null });
    });
  });

  it('remembers a writer for longer than any replica the router would use can be behind', () => {
    expect(pollIntervalMs(5000)).toBe(1000);
    expect(pollIntervalMs(1000)).toBe(200);
    expect(pollIntervalMs(100)).toBe(100);
    expect(writerPositionTtlMs(5000)).toBe(5000 + 2 * 1000 + 1000);
  });
});
