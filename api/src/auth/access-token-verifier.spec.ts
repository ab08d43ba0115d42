import { hasRequiredClaims } from './jwt.strategy';

describe('hasRequiredClaims', () => {
  const now = Math.floor(Date.now() / 1000);
  const complete = {
    sub: '3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c',
    sid: '5d6e1a2b-8a43-4a59-bd43-2a7a0f1f2d6c',
    iss: 'tasktrackr',
    aud: 'tasktrackr-api',
    iat: now,
    exp: now + 900,
  };

  it('accepts the claims we issue (aud as a string or a list)', () => {
    expect(hasRequiredClaims(complete)).toBe(true);
    expect(hasRequiredClaims({ ...complete, aud: ['tasktrackr-api'] })).toBe(true);
  });

  it.each(['sub', 'sid', 'iss', 'aud', 'exp', 'iat'])('refuses a token without %s', (claim) => {
    const partial: Record<string, unknown> = { ...complete };
    delete partial[claim];
    expect(hasRequiredClaims(partial)).toBe(false);
  });

  it.each([
    ['exp as a string', { exp: String(now + 900) }],
    ['exp as Infinity', { exp: Number.POSITIVE_INFINITY }],
    ['iat as null', { iat: null }],
    ['an empty sub', { sub: '' }],
    ['a numeric sid', { sid: 42 }],
    ['an empty aud list', { aud: [] }],
  ])('refuses %s', (_name, override) => {
    expect(hasRequiredClaims({ ...complete, ...override })).toBe(false);
  });
});
