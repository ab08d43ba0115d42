import { checkResponse, emptyChecks, problemsIn } from './response-checks';

const busyBody = JSON.stringify({
  type: 'https://tasktrackr.dev/problems/service-unavailable',
  title: 'Too many sign-ins at once',
  status: 503,
});

describe('checkResponse', () => {
  it('ignores anything below 500', () => {
    const checks = emptyChecks();
    checkResponse(checks, 200, {}, '{}');
    checkResponse(checks, 429, {}, '{}');
    expect(checks).toEqual(emptyChecks());
    expect(problemsIn(checks)).toEqual([]);
  });

  it("counts the bound's 503 and accepts a numeric Retry-After in any case", () => {
    const checks = emptyChecks();
    checkResponse(checks, 503, { 'retry-after': '2' }, busyBody);
    checkResponse(checks, 503, { 'Retry-After': ['2'] }, busyBody);
    expect(checks).toEqual({ busy: 2, busyWithoutRetryAfter: 0, otherServerErrors: 0 });
    expect(problemsIn(checks)).toEqual([]);
  });

  it("flags the bound's 503 without Retry-After", () => {
    const checks = emptyChecks();
    checkResponse(checks, 503, {}, busyBody);
    checkResponse(checks, 503, { 'retry-after': 'soon' }, busyBody);
    expect(checks.busyWithoutRetryAfter).toBe(2);
    expect(checks.firstProblem).toMatch(/^503 without Retry-After/);
    expect(problemsIn(checks)).toEqual(['2 of 2 503s without Retry-After']);
  });

  it('counts any other 5xx, a 503 of another type included, and keeps the first', () => {
    const checks = emptyChecks();
    const limiterDown = JSON.stringify({ type: 'https://x/problems/rate-limiter-unavailable' });
    checkResponse(checks, 503, { 'retry-after': '1' }, limiterDown);
    checkResponse(checks, 500, {}, 'not json');
    expect(checks).toMatchObject({ busy: 0, otherServerErrors: 2 });
    expect(checks.firstProblem).toContain('rate-limiter-unavailable');
    expect(problemsIn(checks)).toEqual(["2 5xx other than the hashing bound's 503"]);
  });
});
