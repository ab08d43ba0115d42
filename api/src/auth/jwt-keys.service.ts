import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Env } from '../config/env.schema';

/** One public key as published in the JWKS (RFC 7517). */
export interface PublicJwk {
  kty: 'RSA';
  kid: string;
  use: 'sig';
  alg: 'RS256';
  n: string;
  e: string;
}

/** The only algorithm we sign with and accept: pinned, so `alg: none` or HS256 never pass. */
export const JWT_ALGORITHM = 'RS256';

/** RFC 7638 thumbprint: a `kid` every replica derives identically from the key itself. */
export function rsaThumbprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Splits a file of concatenated PEM blocks. */
export function splitPem(text: string): string[] {
  return text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
}

/**
 * The RS256 signing key and every public key still trusted. The signing key comes from
 * JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE (required in production); for the embedded default
 * one is generated once into JWT_KEY_DIR. Retired public keys (JWT_PREVIOUS_PUBLIC_KEYS_FILE)
 * stay verifiable and published until the tokens they signed have expired.
 */
@Injectable()
export class JwtKeysService implements OnModuleInit {
  private readonly logger = new Logger(JwtKeysService.name);
  private signing!: { kid: string; privateKey: KeyObject; privatePem: string };
  private readonly publicKeys = new Map<string, KeyObject>();

  constructor(private readonly config: ConfigService<Env, true>) {}

  onModuleInit(): void {
    const privateKey = createPrivateKey(this.loadPrivatePem());
    if (privateKey.asymmetricKeyType !== 'rsa') {
      throw new Error('The JWT signing key must be an RSA private key (RS256)');
    }
    const publicKey = createPublicKey(privateKey);
    const kid = rsaThumbprint(publicKey);
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.signing = { kid, privateKey, privatePem };
    this.trust(kid, publicKey);

    const previousFile = this.config.get('JWT_PREVIOUS_PUBLIC_KEYS_FILE', { infer: true });
    if (previousFile) {
      for (const pem of splitPem(readFileSync(previousFile, 'utf8'))) {
        const key = createPublicKey(pem);
        this.trust(rsaThumbprint(key), key);
      }
    }
  }

  get signingKey(): { kid: string; privateKey: KeyObject; privatePem: string } {
    return this.signing;
  }

  publicKeyFor(kid: string): KeyObject | undefined {
    return this.publicKeys.get(kid);
  }

  private trust(kid: string, key: KeyObject): void {
    this.publicKeys.set(kid, key);
  }

  jwks(): { keys: PublicJwk[] } {
    return {
      keys: [...this.publicKeys.entries()].map(([kid, key]) => {
        const jwk = key.export({ format: 'jwk' });
        return {
          kty: 'RSA',
          kid,
          use: 'sig',
          alg: JWT_ALGORITHM,
          n: String(jwk.n),
          e: String(jwk.e),
        };
      }),
    };
  }

  private loadPrivatePem(): string {
    const inline = this.config.get('JWT_PRIVATE_KEY', { infer: true });
    if (inline) return inline.replace(/\\n/g, '\n');
    const file = this.config.get('JWT_PRIVATE_KEY_FILE', { infer: true });
    if (file) return readFileSync(file, 'utf8');
    if (this.config.get('NODE_ENV', { infer: true }) === 'production') {
      throw new Error(
        'Set JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE: production needs a managed signing key',
      );
    }
    return this.generatedPem(this.config.get('JWT_KEY_DIR', { infer: true }));
  }

  /** Reads the generated key, or creates it exclusively (so parallel starts agree on one). */
  private generatedPem(dir: string): string {
    const path = join(dir, 'signing-key.pem');
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // Parents (e.g. .data/, shared with the embedded Postgres's postgres user) keep normal
      // permissions; only the key's own folder is private.
      mkdirSync(dirname(dir), { recursive: true });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      try {
        writeFileSync(path, pem, { flag: 'wx', mode: 0o600 });
        this.logger.log(
          `Generated a JWT signing key in ${path} (set JWT_PRIVATE_KEY_FILE in production)`,
        );
        return pem;
      } catch {
        return readFileSync(path, 'utf8'); // another process won the race
      }
    }
  }
}
