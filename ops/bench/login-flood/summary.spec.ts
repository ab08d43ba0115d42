import { emptyChecks } from './response-checks';
import { countOf, countOther, percentile, statsOf, summariseLoad } from './summary';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks a sample that happened, without interpolating', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 99)).toBe(20);
  });

  it('handles one sample and none', () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('statsOf', () => {
  it('sorts a copy and gives count, rate, mean and percentiles', () => {
    const latencies = [30, 10, 20, 40];
    expect(statsOf(latencies, 2)).toEqual({
      count: 4,
      perSecond: 2,
      meanMs: 25,
      p50Ms: 20,
      p99Ms: 40,
    });
    expect(latencies).toEqual([30, 10, 20, 40]);
  });
});

describe('summariseLoad', () => {
  const summary = summariseLoad({
    windowS: 10,
    latenciesByStatus: { '200': [100, 300, 200], '503': [2, 1], '500': [5] },
    errors: 2,
    timeouts: 1,
    checks: emptyChecks(),
  });

  it('summarises each status and all of them together', () => {
    expect(summary.byStatus['200']).toMatchObject({ count: 3, p50Ms: 200, p99Ms: 300 });
    expect(summary.byStatus['503']).toMatchObject({ count: 2, p50Ms: 1, perSecond: 0.2 });
    expect(summary.all).toMatchObject({ count: 6, perSecond: 0.6, p50Ms: 5, p99Ms: 300 });
    expect(summary).toMatchObject({ windowS: 10, errors: 2, timeouts: 1 });
  });

  it('counts by status, and everything else (unanswered requests included)', () => {
    expect(countOf(summary, 200)).toBe(3);
    expect(countOf(summary, 404)).toBe(0);
    expect(countOther(summary, [200, 503])).toBe(1 + 2);
    expect(countOther(summary, [200])).toBe(2 + 1 + 2);
  });
});
