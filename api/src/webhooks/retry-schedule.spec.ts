import { nextAttemptAt } from './retry-schedule';

describe('webhook retry schedule', () => {
  const created = new Date('2030-01-01T00:00:00Z');
  const settings = { baseMs: 5000, maxAgeMs: 3 * 24 * 3600 * 1000 };
  const middle = () => 0.5;

  it('doubles the delay after each failed attempt', () => {
    const delays = [1, 2, 3, 4].map(
      (attempts) =>
        nextAttemptAt(created, attempts, created, settings, middle)!.getTime() - created.getTime(),
    );
    expect(delays).toEqual([5000, 10000, 20000, 40000]);
  });

  it('jitters by at most 20 %', () => {
    const low =
      nextAttemptAt(created, 1, created, settings, () => 0)!.getTime() - created.getTime();
    const high =
      nextAttemptAt(created, 1, created, settings, () => 1)!.getTime() - created.getTime();
    expect([low, high]).toEqual([4000, 6000]);
  });

  it('caps one delay at 6 hours and the last try at the max age', () => {
    const late = new Date(created.getTime() + settings.maxAgeMs - 1000);
    expect(
      nextAttemptAt(created, 30, created, settings, middle)!.getTime() - created.getTime(),
    ).toBe(6 * 3600 * 1000);
    expect(nextAttemptAt(created, 30, late, settings, middle)!.getTime()).toBe(
      created.getTime() + settings.maxAgeMs,
    );
  });

  it('gives up once the delivery is as old as the max age', () => {
    const end = new Date(created.getTime() + settings.maxAgeMs);
    expect(nextAttemptAt(created, 25, end, settings)).toBeNull();
  });
});
