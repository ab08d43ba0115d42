import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { checkNoteSignature, keyHash, NoteError, type SignedNote } from '../merkle/checkpoint-note';

/**
 * The audit keys verification trusts: the signing key's public half and the retired keys of
 * AUDIT_PREVIOUS_PUBLIC_KEYS (a rotation), each only for what it signed. One key alone is the
 * same as a list of one.
 */
export type TrustedKeys = KeyObject | readonly KeyObject[];

/** A trusted key with its key id (what checkpoint rows and verify output name it by). */
export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
}

/** First 16 hex digits of SHA-256 over the DER (SPKI) public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function trustedKeyList(keys: TrustedKeys): TrustedKey[] {
  const list = Array.isArray(keys) ? (keys as readonly KeyObject[]) : [keys as KeyObject];
  return list.map((publicKey) => ({ keyId: keyIdOf(publicKey), publicKey }));
}

/**
 * Parses AUDIT_PREVIOUS_PUBLIC_KEYS: PEM public keys one after another (newlines may be
 * written `\n`, as in AUDIT_SIGNING_KEY), or base64 SPKI (DER) keys separated by commas.
 * Each must be an Ed25519 public key; a private key is refused (retired keys never sign).
 */
export function parsePublicKeys(text: string): KeyObject[] {
  const value = text.replace(/\\n/g, '\n').trim();
  if (value === '') return [];
  const pems = value.match(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----/g);
  const keys = pems
    ? pems.map((pem) => publicKeyFrom(pem))
    : value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => publicKeyFrom(Buffer.from(part, 'base64')));
  return keys;
}

function publicKeyFrom(source: string | Buffer): KeyObject {
  if (typeof source === 'string' && /PRIVATE KEY/.test(source)) {
    throw new Error('AUDIT_PREVIOUS_PUBLIC_KEYS holds public keys only, not a private key');
  }
  const key =
    typeof source === 'string'
      ? createPublicKey(source)
      : createPublicKey({ key: source, format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error('AUDIT_PREVIOUS_PUBLIC_KEYS must hold Ed25519 public keys');
  }
  return key;
}

/**
 * The trusted key whose C2SP signature (key name `name`) on the note verifies; NoteError
 * naming the note's signature key hashes when none does (an unknown or forged key).
 */
export function noteSignerOf(note: SignedNote, name: string, keys: TrustedKeys): TrustedKey {
  for (const key of trustedKeyList(keys)) {
    try {
      checkNoteSignature(note, { name, publicKey: key.publicKey });
      return key;
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
    }
  }
  const found = note.signatures
    .filter((signature) => signature.name === name)
    .map((signature) => `${name}+${signature.keyHash.toString('hex')}`);
  const trusted = trustedKeyList(keys)
    .map((key) => `${name}+${keyHash(name, key.publicKey).toString('hex')}`)
    .join(', ');
  throw new NoteError(
    found.length === 0
      ? `note has no signature by ${name} (trusted: ${trusted})`
      : `note is signed by unknown key ${found.join(', ')} (trusted: ${trusted}), or its signature does not verify`,
  );
}
