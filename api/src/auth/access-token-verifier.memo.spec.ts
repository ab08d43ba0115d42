import { sign as cryptoSign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { AccessTokenVerifier } from './access-token-verifier';
import { JwtKeysService } from './jwt-keys.service';

/** The verifier remembers tokens that passed, but time and key trust still apply to each use. */
describe('AccessTokenVerifier, remembered tokens', () => {
  const values: Partial<Record<keyof Env, unknown>> = {
    NODE_ENV: 'development',
    JWT_ISSUER: 'tasktrackr',
    JWT_AUDIENCE: 'tasktrackr-api',
  };
  const config = { get: (name: keyof Env) => values[name] ?? '' } as unknown as ConfigService<
    Env,
    true
  >;
  let dir: string;
  let keys: JwtKeysService;
  let verifier: AccessTokenVerifier;
  const now = Math.floor(Date.now() / 1000);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-jwt-memo-'));
    values.JWT_KEY_DIR = dir;
    keys = new JwtKeysService(config);
    keys.onModuleInit();
    verifier = new AccessTokenVerifier(keys, config);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = (claims: Record<string, unknown>) => {
    const { kid, privateKey } = keys.signingKey;
    const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`;
    return `${input}.${cryptoSign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  };
  const claims = (exp: number, extra: Record<string, unknown> = {}) => ({
    sub: 'u1',
    sid: 's1',
    iss: 'tasktrackr',
    aud: 'tasktrackr-api',
    iat: now,
    exp,
    ...extra,
  });

  it('remembers a token that passed: the next use answers the same claims', () => {
    const token = sign(claims(now + 900));
    const first = verifier.verify(token);
    expect(first).toMatchObject({ sub: 'u1', sid: 's1' });
    expect(verifier.verify(token)).toBe(first);
  });

  it('refuses a remembered token once it expires, and once its key is no longer trusted', () => {
    const token = sign(claims(now + 60));
    expect(verifier.verify(token)).not.toBeNull();
    jest.spyOn(Date, 'now').mockReturnValue((now + 60) * 1000);
    expect(verifier.verify(token)).toBeNull();
    jest.restoreAllMocks();

    const other = sign(claims(now + 900, { jti: 'x' }));
    expect(verifier.verify(other)).not.toBeNull();
    jest.spyOn(keys, 'publicKeyFor').mockReturnValue(undefined);
    expect(verifier.verify(other)).toBeNull();
  });

  it('does not remember a token before its nbf as valid, nor a forged one', () => {
    const early = sign(claims(now + 900, { nbf: now + 30 }));
    expect(verifier.verify(early)).toBeNull();
    jest.spyOn(Date, 'now').mockReturnValue((now + 30) * 1000);
    expect(verifier.verify(early)).not.toBeNull();

    const token = sign(claims(now + 900));
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(342)}`;
    expect(verifier.verify(forged)).toBeNull();
    expect(verifier.verify(forged)).toBeNull();
  });

  it('answers claims nothing can change', () => {
    const found = verifier.verify(sign(claims(now + 900)));
    expect(Object.isFrozen(found)).toBe(true);
  });
});
