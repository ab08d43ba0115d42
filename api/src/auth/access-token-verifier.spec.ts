import { createHmac, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { verify as jwtVerify } from 'jsonwebtoken';
import { hasRequiredClaims, verifyAccessToken } from './access-token-verifier';

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

describe('verifyAccessToken', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = 1_800_000_000;
  const options = {
    keyFor: (kid: string) => (kid === 'ours' ? publicKey : undefined),
    issuer: 'tasktrackr',
    audience: 'tasktrackr-api',
    now,
  };
  const claims = {
    sub: 'u1',
    sid: 's1',
    iss: 'tasktrackr',
    aud: 'tasktrackr-api',
    iat: now,
    exp: now + 900,
  };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = (
    payload: Record<string, unknown> = claims,
    header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: 'ours' },
    key: KeyObject = privateKey,
  ) => {
    const input = `${b64(header)}.${b64(payload)}`;
    return `${input}.${cryptoSign('sha256', Buffer.from(input), key).toString('base64url')}`;
  };

  it('accepts a token we issue, with aud as a string or a list', () => {
    expect(verifyAccessToken(sign(), options)).toMatchObject({ sub: 'u1', sid: 's1' });
    expect(
      verifyAccessToken(sign({ ...claims, aud: ['other', 'tasktrackr-api'] }), options),
    ).not.toBeNull();
  });

  it('matches jsonwebtoken on what it accepts', () => {
    const token = sign();
    const verified = jwtVerify(token, publicKey, {
      algorithms: ['RS256'],
      issuer: 'tasktrackr',
      audience: 'tasktrackr-api',
      clockTimestamp: now,
    });
    expect(verifyAccessToken(token, options)).toEqual(verified);
  });

  it.each([
    ['alg none', () => `${b64({ alg: 'none', kid: 'ours' })}.${b64(claims)}.`],
    [
      'HS256 signed with the public key as secret',
      () => {
        const input = `${b64({ alg: 'HS256', kid: 'ours' })}.${b64(claims)}`;
        const pem = publicKey.export({ type: 'spki', format: 'pem' });
        return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
      },
    ],
    ['an unknown kid', () => sign(claims, { alg: 'RS256', kid: 'theirs' })],
    ['no kid', () => sign(claims, { alg: 'RS256' })],
    ['a foreign key under our kid', () => sign(claims, undefined, foreign.privateKey)],
    ['a crit header', () => sign(claims, { alg: 'RS256', kid: 'ours', crit: ['x'] })],
    ['a tampered payload', () => sign().replace(/\.[^.]+\./, `.${b64({ ...claims, sub: 'u2' })}.`)],
    ['expiry now', () => sign({ ...claims, exp: now })],
    ['exp as a string', () => sign({ ...claims, exp: String(now + 900) })],
    ['nbf in the future', () => sign({ ...claims, nbf: now + 1 })],
    ['another issuer', () => sign({ ...claims, iss: 'someone-else' })],
    ['another audience', () => sign({ ...claims, aud: 'another-api' })],
    ['no sid', () => sign({ ...claims, sid: undefined })],
    ['no exp', () => sign({ ...claims, exp: undefined })],
    ['two segments', () => sign().split('.').slice(0, 2).join('.')],
    ['a payload that is not an object', () => sign(['x'] as unknown as Record<string, unknown>)],
  ])('refuses %s', (_name, token) => {
    expect(verifyAccessToken(token(), options)).toBeNull();
  });

  it('accepts nbf up to now', () => {
    expect(verifyAccessToken(sign({ ...claims, nbf: now }), options)).not.toBeNull();
  });
});
