import { verify as verifySignature, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '../config/env.schema';
import type { AccessTokenClaims } from './access-tokens.service';
import { JWT_ALGORITHM, JwtKeysService } from './jwt-keys.service';

/** Reads the `kid` from a compact JWS header without trusting anything else in it. */
export function kidOf(rawJwt: string): string | undefined {
  const header = jsonSegment(rawJwt.split('.')[0] ?? '');
  return typeof header?.kid === 'string' ? header.kid : undefined;
}

/** The claims every access token we issue carries; a token lacking any is refused. */
export interface VerifiedAccessClaims extends AccessTokenClaims {
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
}

/**
 * Whether verified `claims` have every claim we issue, each of the right type. Without this a
 * token signed without `exp` would never expire.
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

export interface VerifyOptions {
  /** The public key trusted for a `kid`, if any. */
  keyFor: (kid: string) => KeyObject | undefined;
  issuer: string;
  audience: string;
  /** Seconds since the epoch. */
  now: number;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function jsonSegment(segment: string): Record<string, unknown> | undefined {
  if (!SEGMENT.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a compact RS256 JWS access token with the cached public keys; the claims, or `null`
 * for any failure (the caller answers one 401 for all of them). The checks passport-jwt and
 * jsonwebtoken made, in their order, without their per-request machinery: the header's `alg`
 * must be RS256 (so `none` and HS256 key confusion fail) and its `kid` one of our keys; a header
 * naming `crit` extensions is refused (we understand none); the signature; then the payload:
 * `nbf` and `exp` numbers when present (expired at `exp` itself, no clock tolerance, as
 * before), issuer and audience ours; finally every claim we issue (`hasRequiredClaims`).
 */
export function verifyAccessToken(
  token: string,
  options: VerifyOptions,
): (VerifiedAccessClaims & Record<string, unknown>) | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [rawHeader = '', rawPayload = '', rawSignature = ''] = parts;
  const header = jsonSegment(rawHeader);
  if (!header || header.alg !== JWT_ALGORITHM || header.crit !== undefined) return null;
  if (typeof header.kid !== 'string') return null;
  const key = options.keyFor(header.kid);
  if (!key || !SEGMENT.test(rawSignature)) return null;
  const signed = Buffer.from(`${rawHeader}.${rawPayload}`, 'ascii');
  const signature = Buffer.from(rawSignature, 'base64url');
  // RS256 = RSASSA-PKCS1-v1_5 with SHA-256: node's default padding for an RSA key.
  if (!verifySignature('sha256', signed, key, signature)) return null;

  const claims = jsonSegment(rawPayload);
  if (!claims) return null;
  const { nbf, exp, iss, aud } = claims;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > options.now)) return null;
  if (exp !== undefined && (typeof exp !== 'number' || options.now >= exp)) return null;
  if (iss !== options.issuer) return null;
  const audiences: unknown[] = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(options.audience)) return null;
  return hasRequiredClaims(claims) ? claims : null;
}

/** How many verified tokens `AccessTokenVerifier` remembers; about 1 kB each. */
export const VERIFIED_TOKENS_MAX = 5_000;

/** A token whose signature, header and claims passed, and the key that verified it. */
interface VerifiedToken {
  kid: string;
  key: KeyObject;
  claims: VerifiedAccessClaims & Record<string, unknown>;
}

/**
 * `verifyAccessToken` with our keys, issuer and audience. A token that passed once is
 * remembered, so a client's next requests with it skip the RSA check and the JSON parsing (5 %
 * of an authenticated list's CPU, docs/benchmarks.md); what can change with time is checked on
 * every use: that its key is still the one trusted for its `kid`, `nbf` and `exp`. Only tokens
 * that passed are remembered (a forged one costs its RSA check every time, as before); the
 * issuer and audience are fixed for the process.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly issuer: string;
  private readonly audience: string;
  private readonly keyFor: (kid: string) => KeyObject | undefined;
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(keys: JwtKeysService, config: ConfigService<Env, true>) {
    this.issuer = config.get('JWT_ISSUER', { infer: true });
    this.audience = config.get('JWT_AUDIENCE', { infer: true });
    this.keyFor = (kid) => keys.publicKeyFor(kid);
  }

  verify(token: string): VerifiedAccessClaims | null {
    const now = Math.floor(Date.now() / 1000);
    const known = this.verified.get(token);
    if (known) {
      const { nbf } = known.claims;
      const current =
        this.keyFor(known.kid) === known.key &&
        now < known.claims.exp &&
        (typeof nbf !== 'number' || nbf <= now);
      if (current) return known.claims;
      this.verified.delete(token);
      if (now >= known.claims.exp) return null;
    }
    const claims = verifyAccessToken(token, {
      keyFor: this.keyFor,
      issuer: this.issuer,
      audience: this.audience,
      now,
    });
    const kid = claims ? kidOf(token) : undefined;
    const key = kid === undefined ? undefined : this.keyFor(kid);
    if (claims && kid !== undefined && key) {
      // Bounded: forgetting everything at the bound costs one RSA check per live token.
      if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.clear();
      this.verified.set(token, { kid, key, claims: Object.freeze(claims) });
    }
    return claims;
  }
}
