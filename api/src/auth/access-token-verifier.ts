import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Env } from '../config/env.schema';
import type { AccessTokenClaims } from './access-tokens.service';
import { JWT_ALGORITHM, JwtKeysService } from './jwt-keys.service';
import type { Principal } from '../common/access/principal';
import { PrincipalsService } from './principals.service';

/** Reads the `kid` from a compact JWS header without trusting anything else in it. */
export function kidOf(rawJwt: string): string | undefined {
  try {
    const header: unknown = JSON.parse(
      Buffer.from(rawJwt.split('.')[0] ?? '', 'base64url').toString('utf8'),
    );
    const kid = (header as { kid?: unknown } | null)?.kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/** The claims every access token we issue carries; a token lacking any is refused. */
export interface VerifiedAccessClaims extends AccessTokenClaims {
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
}

/**
 * Whether verified `claims` have every claim we issue, each of the right type. jsonwebtoken
 * checks `exp` only when present, so a token signed without one would never expire.
 */
export function hasRequiredClaims(
  claims: Record<string, unknown>,
): claims is VerifiedAccessClaims & Record<string, unknown> {
  const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';
  const { sub, sid, iss, aud, exp, iat } = claims;
  return (
    nonEmpty(sub) &&
    nonEmpty(sid) &&
    nonEmpty(iss) &&
    (nonEmpty(aud) || (Array.isArray(aud) && aud.length > 0 && aud.every(nonEmpty))) &&
    typeof exp === 'number' &&
    Number.isFinite(exp) &&
    typeof iat === 'number' &&
    Number.isFinite(iat)
  );
}

/**
 * passport-jwt verification with everything pinned: RS256 only (so `alg: none` and HS256
 * key-confusion fail), our issuer and audience, expiry, and a public key chosen by `kid`
 * among the keys we trust; then every claim we issue must be present (`hasRequiredClaims`).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    keys: JwtKeysService,
    config: ConfigService<Env, true>,
    private readonly principals: PrincipalsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: [JWT_ALGORITHM],
      issuer: config.get('JWT_ISSUER', { infer: true }),
      audience: config.get('JWT_AUDIENCE', { infer: true }),
      ignoreExpiration: false,
      secretOrKeyProvider: (
        _request: unknown,
        rawJwt: string,
        done: (error: Error | null, key?: string) => void,
      ) => {
        const kid = kidOf(rawJwt);
        const key = kid === undefined ? undefined : keys.publicKeyFor(kid);
        if (!key) return done(new Error('unknown signing key'));
        // A ready KeyObject: jsonwebtoken 9 parses a PEM string into one on every verify (a
        // measurable share of each request's CPU). passport-jwt's types predate KeyObject.
        done(null, key as unknown as string);
      },
    });
  }

  async validate(claims: Record<string, unknown>): Promise<Principal | false> {
    if (!hasRequiredClaims(claims)) return false;
    return (await this.principals.forSession(claims.sub, claims.sid)) ?? false;
  }
}
