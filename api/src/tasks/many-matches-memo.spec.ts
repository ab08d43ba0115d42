import { ManyMatchesMemo } from './many-matches-memo';

describe('ManyMatchesMemo', () => {
  it('remembers a key until its time is up', () => {
    let now = 1_000;
    const memo = new ManyMatchesMemo(60_000, 10, () => now);
    expect(memo.has('q=budget')).toBe(false);
    memo.add('q=budget');
    now += 59_999;
    expect(memo.has('q=budget')).toBe(true);
    now += 1;
    expect(memo.has('q=budget')).toBe(false);
  });

  it('forgets the oldest key first when full, and re-adding a key makes it the newest', () => {
    const memo = new ManyMatchesMemo(60_000, 2, () => 0);
    memo.add('a');
    memo.add('b');
    memo.add('a');
    memo.add('c');
    expect([memo.has('a'), memo.has('b'), memo.has('c')]).toEqual([true, false, true]);
  });
});
