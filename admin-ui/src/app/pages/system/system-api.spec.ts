import { dependencyChecks, readinessFrom } from './system-api';
import { lagText } from './system-text';

describe('readiness', () => {
  it('reads a ready report, with extra figures as facts', () => {
    expect(
      readinessFrom(200, {
        status: 'ok',
        details: {
          redis: { status: 'up' },
          postgres: { status: 'up' },
          auditOutbox: { status: 'up', backlog: 0, oldestAgeSeconds: 0 },
        },
      }),
    ).toEqual({
      ready: true,
      detail: null,
      checks: [
        {
          name: 'auditOutbox',
          up: true,
          message: null,
          facts: [
            { label: 'backlog', value: '0' },
            { label: 'oldest age', value: 'none' },
          ],
        },
        { name: 'postgres', up: true, message: null, facts: [] },
        { name: 'redis', up: true, message: null, facts: [] },
      ],
    });
  });

  it('reads the dependencies from a 503 problem, which is not an error', () => {
    const readiness = readinessFrom(503, {
      type: 'https://tasktrackr.dev/problems/not-ready',
      title: 'Service not ready',
      status: 503,
      detail: 'Unavailable: redis',
      checks: {
        postgres: { status: 'up' },
        redis: { status: 'down', message: 'Redis did not answer within 1500 ms' },
      },
    });
    expect(readiness?.ready).toBe(false);
    expect(readiness?.detail).toBe('Unavailable: redis');
    expect(readiness?.checks.find((check) => check.name === 'redis')).toEqual({
      name: 'redis',
      up: false,
      message: 'Redis did not answer within 1500 ms',
      facts: [],
    });
  });

  it('treats other answers as errors', () => {
    expect(readinessFrom(503, { title: 'Service Unavailable', status: 503 })).toBeNull();
    expect(readinessFrom(500, { title: 'Boom', status: 500 })).toBeNull();
    expect(readinessFrom(200, 'nope')).toBeNull();
    expect(dependencyChecks(undefined)).toEqual([]);
  });
});

describe('lagText', () => {
  it('says how far behind the outbox is', () => {
    expect(lagText(0)).toBe('none');
    expect(lagText(0.3)).toBe('under 1 s');
    expect(lagText(42)).toBe('42 s');
    expect(lagText(185)).toBe('3 min 5 s');
    expect(lagText(180)).toBe('3 min');
    expect(lagText(7800)).toBe('2 h 10 min');
  });
});
