import { retryDelayMs } from './retry-backoff';

describe('retryDelayMs', () => {
  it('doubles from the base per failure, between half and all of the step', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(retryDelayMs(3, 1000, 60_000, () => 0)).toBe(2000);
  });

  it('never exceeds the cap, however many failures', () => {
    expect(retryDelayMs(500, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(500, 1000, 60_000, () => 0)).toBe(30_000);
  });
});
