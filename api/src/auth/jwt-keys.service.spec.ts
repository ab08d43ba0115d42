import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { JwtKeysService, rsaThumbprint, splitPem } from './jwt-keys.service';

function service(values: Partial<Record<keyof Env, unknown>>): JwtKeysService {
  const config = { get: (name: keyof Env) => values[name] ?? '' } as unknown as ConfigService<
    Env,
    true
  >;
  return new JwtKeysService(config);
}

describe('JwtKeysService', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tt-jwt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key once into JWT_KEY_DIR and reuses it (same kid on restart)', () => {
    const first = service({ NODE_ENV: 'development', JWT_KEY_DIR: dir });
    first.onModuleInit();
    const second = service({ NODE_ENV: 'development', JWT_KEY_DIR: dir });
    second.onModuleInit();
    expect(second.signingKey.kid).toBe(first.signingKey.kid);
    expect(readFileSync(join(dir, 'signing-key.pem'), 'utf8')).toContain('PRIVATE KEY');
  });

  it('refuses to generate a key in production', () => {
    const prod = service({ NODE_ENV: 'production', JWT_KEY_DIR: dir });
    expect(() => prod.onModuleInit()).toThrow(/JWT_PRIVATE_KEY/);
  });

  it('publishes retired public keys beside the signing key (rotation)', () => {
    const current = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const retired = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'current.pem');
    writeFileSync(keyFile, current.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const previousFile = join(dir, 'previous.pem');
    writeFileSync(previousFile, retired.publicKey.export({ type: 'spki', format: 'pem' }));

    const keys = service({
      JWT_PRIVATE_KEY_FILE: keyFile,
      JWT_PREVIOUS_PUBLIC_KEYS_FILE: previousFile,
    });
    keys.onModuleInit();
    const kids = keys.jwks().keys.map((k) => k.kid);
    expect(kids).toEqual([rsaThumbprint(current.publicKey), rsaThumbprint(retired.publicKey)]);
    expect(keys.publicKeyFor(rsaThumbprint(retired.publicKey))).toBeDefined();
    expect(keys.signingKey.kid).toBe(rsaThumbprint(current.publicKey));
  });

  it('accepts an inline PEM with escaped newlines', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
      .replace(/\n/g, '\\n');
    const keys = service({ JWT_PRIVATE_KEY: pem });
    keys.onModuleInit();
    expect(keys.signingKey.kid).toBe(rsaThumbprint(createPublicKey(privateKey)));
  });

  it('splits concatenated PEM blocks', () => {
    const a = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(splitPem(`${String(a)}\n${String(a)}`)).toHaveLength(2);
  });
});
