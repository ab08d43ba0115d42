import { browsableUrl, runningBanner } from './running-banner';

describe('runningBanner', () => {
  const banner = runningBanner({
    appUrl: 'http://127.0.0.1:3000',
    databaseUrl: 'postgres://postgres:postgres@127.0.0.1:54329/tasktrackr',
    redisUrl: 'redis://:hunter2@127.0.0.1:63790',
    origins: { database: 'embedded, started here', redis: 'redis-server, started here' },
    recordPath: '/srv/tt/.data/services.env',
  });

  it('lists the app, Swagger and metrics URLs', () => {
    expect(banner).toContain('App       http://localhost:3000/\n');
    expect(banner).toContain('Swagger   http://localhost:3000/api/docs\n');
    expect(banner).toContain('Metrics   http://localhost:3000/metrics\n');
  });

  it('names the services with their passwords masked', () => {
    expect(banner).toContain(
      'Database  postgres://postgres:***@127.0.0.1:54329/tasktrackr (embedded, started here)',
    );
    expect(banner).toContain('Redis     redis://:***@127.0.0.1:63790 (redis-server, started here)');
    expect(banner).not.toMatch(/postgres:postgres|hunter2/);
  });

  it('keeps a real host name as it is', () => {
    expect(browsableUrl('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080');
    expect(browsableUrl('http://[::1]:3000')).toBe('http://localhost:3000');
  });
});
