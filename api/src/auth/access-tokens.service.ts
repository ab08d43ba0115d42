import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Env } from '../config/env.schema';
import { JWT_ALGORITHM, JwtKeysService } from './jwt-keys.service';

/** Claims of our access tokens beyond the registered ones (iss, aud, exp, iat). */
export interface AccessTokenClaims {
  sub: string;
  /** The session the token belongs to: revoking it ends the token's validity at once. */
  sid: string;
}

/** Issues short-lived RS256 access tokens (access-token-verifier.ts verifies them). */
@Injectable()
export class AccessTokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly keys: JwtKeysService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  get ttlSeconds(): number {
    return this.config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true });
  }

  issue(userId: string, sessionId: string): string {
    const { kid, privatePem } = this.keys.signingKey;
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    return this.jwt.sign(claims, {
      algorithm: JWT_ALGORITHM,
      privateKey: privatePem,
      keyid: kid,
      issuer: this.config.get('JWT_ISSUER', { infer: true }),
      audience: this.config.get('JWT_AUDIENCE', { infer: true }),
      expiresIn: this.ttlSeconds,
    });
  }
}
