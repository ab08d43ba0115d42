import { serverErrorCauses } from './log-causes';

const line = (time: string, msg: string, message?: string, context = 'ProblemDetailsFilter') =>
  JSON.stringify({ level: 50, time, context, msg, ...(message ? { err: { message } } : {}) });

describe('serverErrorCauses', () => {
  const log = [
    line('2026-11-30T00:10:01.000Z', 'POST /api/v1/auth/login failed with 500', 'pool timeout'),
    line('2026-11-30T00:10:02.000Z', 'GET /api/v1/tasks?limit=25 failed with 500', 'pool timeout'),
    line('2026-11-30T00:10:02.500Z', 'POST /api/v1/auth/login failed with 502'),
    // The bound's 503, and the request log's own line for the same 500: not counted.
    line('2026-11-30T00:10:03.000Z', 'POST /api/v1/auth/login failed with 503', 'busy'),
    line('2026-11-30T00:10:03.000Z', 'GET /x 500 failed: failed with status code 500', 'x', ''),
    // After the window (the server shutting down).
    line('2026-11-30T00:10:09.000Z', 'POST /api/v1/auth/login failed with 500', 'terminated'),
    'not json',
    '',
  ].join('\n');

  it('counts each cause of a 5xx other than 503 logged inside the window', () => {
    const from = Date.parse('2026-11-30T00:10:00Z');
    const to = Date.parse('2026-11-30T00:10:05Z');
    expect(serverErrorCauses(log, from, to)).toEqual({
      '500 pool timeout': 2,
      '502 (no error message)': 1,
    });
  });

  it('finds nothing outside the window', () => {
    expect(serverErrorCauses(log, 0, 1)).toEqual({});
  });
});
