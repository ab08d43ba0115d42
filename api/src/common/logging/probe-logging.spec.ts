import { isProbeOrScrape } from './request-log';

describe('isProbeOrScrape', () => {
  it('recognises probes and scrapes by the full path, even when url was shortened', () => {
    expect(isProbeOrScrape({ url: '/v1/health/live', originalUrl: '/api/v1/health/live' })).toBe(
      true,
    );
    expect(isProbeOrScrape({ url: '/api/v1/health/ready' })).toBe(true);
    expect(isProbeOrScrape({ url: '/metrics' })).toBe(true);
  });

  it('keeps logging everything else', () => {
    expect(isProbeOrScrape({ url: '/v1/tasks', originalUrl: '/api/v1/tasks' })).toBe(false);
    expect(isProbeOrScrape({ url: '/metrics-export' })).toBe(false);
    expect(isProbeOrScrape({})).toBe(false);
  });
});
