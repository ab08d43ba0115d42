import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Env } from '../../config/env.schema';
import { Checkpoint, signCheckpoint } from '../merkle';
import { canonicalJson } from './canonical-json';
import { keyIdOf, parsePublicKeys, type TrustedKey } from './trusted-keys';

export { keyIdOf } from './trusted-keys';

export interface CheckpointStatement {
  seq: string;
  hash: string;
  createdAt: Date;
  keyId: string;
}

/** The bytes a checkpoint signature covers: canonical JSON with `seq` as a number. */
export function checkpointPayload(statement: CheckpointStatement): string {
  return canonicalJson({
    createdAt: statement.createdAt.toISOString(),
    hash: statement.hash,
    keyId: statement.keyId,
    seq: Number(statement.seq),
  });
}

/** Checks a `signDocument` signature (export manifests) against a public key. */
export function verifyDocument(
  publicKey: KeyObject,
  document: unknown,
  signature: string,
): boolean {
  return verify(
    null,
    Buffer.from(canonicalJson(document)),
    publicKey,
    Buffer.from(signature, 'base64'),
  );
}

export function verifyCheckpoint(
  publicKey: KeyObject,
  statement: CheckpointStatement,
  signatureBase64: string,
): boolean {
  return verify(
    null,
    Buffer.from(checkpointPayload(statement)),
    publicKey,
    Buffer.from(signatureBase64, 'base64'),
  );
}

/**
 * Ed25519 key that signs checkpoints: AUDIT_SIGNING_KEY (PEM) when set, else the PEM file at
 * AUDIT_SIGNING_KEY_FILE, generated there (mode 0600) on first use for the embedded default.
 * AUDIT_PREVIOUS_PUBLIC_KEYS are retired keys (a rotation): trusted to verify what they
 * signed before, never used to sign.
 */
@Injectable()
export class CheckpointSigner {
  private readonly logger = new Logger(CheckpointSigner.name);
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  /** Retired public keys, still trusted for what they signed. */
  readonly previousPublicKeys: readonly KeyObject[];

  constructor(config: ConfigService<Env, true>) {
    this.privateKey = loadOrCreateKey(
      config.get('AUDIT_SIGNING_KEY', { infer: true }),
      config.get('AUDIT_SIGNING_KEY_FILE', { infer: true }),
      (file) => this.logger.warn(`Generated a new audit signing key in ${file}`),
    );
    if (this.privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 private key');
    }
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = keyIdOf(this.publicKey);
    this.previousPublicKeys = parsePublicKeys(
      config.get('AUDIT_PREVIOUS_PUBLIC_KEYS', { infer: true }),
    ).filter((key) => keyIdOf(key) !== this.keyId);
  }

  /** Every key verification trusts: the signing key first, then the retired ones. */
  get trustedPublicKeys(): KeyObject[] {
    return [this.publicKey, ...this.previousPublicKeys];
  }

  /** The trusted key with this key id, if any. */
  trustedKey(keyId: string): TrustedKey | undefined {
    const publicKey = this.trustedPublicKeys.find((key) => keyIdOf(key) === keyId);
    return publicKey ? { keyId, publicKey } : undefined;
  }

  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(statement: Omit<CheckpointStatement, 'keyId'>): CheckpointStatement & { signature: string } {
    const full = { ...statement, keyId: this.keyId };
    const signature = sign(null, Buffer.from(checkpointPayload(full)), this.privateKey);
    return { ...full, signature: signature.toString('base64') };
  }

  /** Signs any canonical-JSON document (export manifests); base64 Ed25519 signature. */
  signDocument(document: unknown): string {
    return sign(null, Buffer.from(canonicalJson(document)), this.privateKey).toString('base64');
  }

  /** Signs a tree checkpoint as a C2SP note; the key name is the checkpoint's origin. */
  signTreeCheckpoint(checkpoint: Checkpoint): string {
    return signCheckpoint(checkpoint, this.privateKey);
  }

  /** True when a trusted key (current or retired) signed the statement. */
  verify(statement: CheckpointStatement, signature: string): boolean {
    const key = this.trustedKey(statement.keyId);
    return key !== undefined && verifyCheckpoint(key.publicKey, statement, signature);
  }
}

function loadOrCreateKey(pem: string, file: string, onGenerate: (file: string) => void): KeyObject {
  if (pem.trim() !== '') return createPrivateKey(pem.replace(/\\n/g, '\n'));
  if (existsSync(file)) return createPrivateKey(readFileSync(file));
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': another process (a second worker) may have written it first; then use theirs.
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
      flag: 'wx',
    });
    onGenerate(file);
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return createPrivateKey(readFileSync(file));
  }
}
