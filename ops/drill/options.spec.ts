import { parseDrillOptions } from './options';

describe('parseDrillOptions', () => {
  it('has defaults for everything', () => {
    expect(parseDrillOptions([])).toEqual({
      durationSeconds: 100,
      concurrency: 8,
      logLevel: 'warn',
      keepLogs: false,
    });
  });

  it('reads the duration, concurrency, log level and --keep-logs', () => {
    expect(
      parseDrillOptions([
        '--duration-seconds',
        '45',
        '--concurrency=4',
        '--log-level',
        'info',
        '--keep-logs',
      ]),
    ).toEqual({ durationSeconds: 45, concurrency: 4, logLevel: 'info', keepLogs: true });
    expect(parseDrillOptions(['--help'])).toBeNull();
  });

  it('refuses a duration or concurrency out of bounds, or not a whole number', () => {
    expect(() => parseDrillOptions(['--duration-seconds', '5'])).toThrow(/between 40 and 600/);
    expect(() => parseDrillOptions(['--duration-seconds', '60.5'])).toThrow(/whole number/);
    expect(() => parseDrillOptions(['--concurrency', '0'])).toThrow(/between 1 and 64/);
    expect(() => parseDrillOptions(['--log-level', 'loud'])).toThrow(/--log-level/);
    expect(() => parseDrillOptions(['--what'])).toThrow();
  });
});
