import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { HASH_SIZE } from './tree-hash';

/**
 * C2SP signed notes (c2sp.org/signed-note), tlog checkpoints (c2sp.org/tlog-checkpoint) and
 * Ed25519 cosignatures (c2sp.org/tlog-cosignature, v1). Byte formats: docs/audit-log.md.
 */

/** A malformed note, checkpoint or key, or a signature that does not verify. */
export class NoteError extends Error {
  override readonly name = 'NoteError';
}

/** Signature type bytes of c2sp.org/signed-note. */
export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

const EM_DASH = '\u2014';
const MAX_SIGNATURES = 100;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  /** Optional extension lines after the root, without their newlines. */
  extensions: string[];
}

export interface NoteSignature {
  name: string;
  /** 4-byte key ID. */
  keyHash: Buffer;
  /** Signature bytes after the key ID (for cosignatures: timestamp ‖ signature). */
  signature: Buffer;
}

export interface SignedNote {
  /** The note text, final newline included, blank separator line excluded. */
  body: string;
  signatures: NoteSignature[];
}

/** A named Ed25519 public key, as a verifier is configured with it. */
export interface NamedKey {
  name: string;
  publicKey: KeyObject;
}

// ---- keys ----

/** The 32-byte RFC 8032 encoding of an Ed25519 public key. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new NoteError('key is not an Ed25519 key');
  const der = (publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey).export({
    type: 'spki',
    format: 'der',
  });
  return der.subarray(der.length - 32);
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32)
    throw new NoteError(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

/** Ed25519 private key from its 32-byte seed (test vectors, witness keys). */
export function privateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new NoteError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  return createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ signature type ‖ 32-byte public key)[:4]. */
export function keyHash(
  name: string,
  publicKey: KeyObject,
  type: number = SIG_TYPE_ED25519,
): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, type]))
    .update(rawPublicKey(publicKey))
    .digest()
    .subarray(0, 4);
}

function checkKeyName(name: string): void {
  if (name === '' || /[\s+]/u.test(name) || hasControl(name)) {
    throw new NoteError(`key name ${JSON.stringify(name)} must be non-empty with no spaces or '+'`);
  }
}

/** Verifier key `<name>+<hex key ID>+<base64(type ‖ public key)>`: one line configures a verifier. */
export function vkey(name: string, publicKey: KeyObject, type: number = SIG_TYPE_ED25519): string {
  checkKeyName(name);
  const material = Buffer.concat([Buffer.from([type]), rawPublicKey(publicKey)]);
  return `${name}+${keyHash(name, publicKey, type).toString('hex')}+${material.toString('base64')}`;
}

/** Parses a vkey of type Ed25519 (0x01) or cosignature/v1 (0x04); checks its key ID. */
export function parseVkey(text: string): NamedKey & { keyHash: Buffer; type: number } {
  // The base64 key may itself contain '+': split at the first two only.
  const match = /^([^+]*)\+([^+]*)\+(.*)$/su.exec(text.trim());
  if (!match) throw new NoteError('vkey must be <name>+<hex key id>+<base64 key>');
  const [, name, hashHex, material] = match;
  checkKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(hashHex))
    throw new NoteError('vkey key id must be 8 lowercase hex digits');
  const bytes = decodeBase64(material, 'vkey key');
  if (bytes.length !== 33)
    throw new NoteError(`vkey key must be 33 bytes (type ‖ Ed25519 key), got ${bytes.length}`);
  const type = bytes[0];
  if (type !== SIG_TYPE_ED25519 && type !== SIG_TYPE_COSIGNATURE_V1) {
    throw new NoteError(
      `vkey signature type 0x${type.toString(16).padStart(2, '0')} is not supported`,
    );
  }
  const publicKey = publicKeyFromRaw(bytes.subarray(1));
  const expected = keyHash(name, publicKey, type);
  if (expected.toString('hex') !== hashHex) {
    throw new NoteError(
      `vkey key id ${hashHex} does not match its key (${expected.toString('hex')})`,
    );
  }
  return { name, publicKey, keyHash: expected, type };
}

// ---- notes ----

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

/** Canonical standard base64 only: re-encoding must give the same text. */
function decodeBase64(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (text === '' || bytes.toString('base64') !== text)
    throw new NoteError(`${what} is not valid base64`);
  return bytes;
}

export function formatSignatureLine(signature: NoteSignature): string {
  const blob = Buffer.concat([signature.keyHash, signature.signature]).toString('base64');
  return `${EM_DASH} ${signature.name} ${blob}\n`;
}

/** Note text: body, blank line, one line per signature. */
export function formatNote(note: SignedNote): string {
  if (note.signatures.length === 0)
    throw new NoteError('a signed note needs at least one signature');
  return `${note.body}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** Strict parse; errors say what is wrong. Does not verify any signature. */
export function parseNote(text: string): SignedNote {
  if (hasControl(text)) throw new NoteError('note contains a control character other than newline');
  if (text.includes('\uFFFD')) throw new NoteError('note is not valid UTF-8');
  if (!text.endsWith('\n')) throw new NoteError('note does not end with a newline');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('note has no blank line between text and signatures');
  const body = text.slice(0, split + 1);
  const lines = text.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES)
    throw new NoteError(`note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line, i) => {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match)
      throw new NoteError(`signature line ${i + 1} is not "— <key name> <base64 signature>"`);
    checkKeyName(match[1]);
    const blob = decodeBase64(match[2], `signature line ${i + 1}`);
    if (blob.length < 5) throw new NoteError(`signature line ${i + 1} is too short`);
    return { name: match[1], keyHash: blob.subarray(0, 4), signature: blob.subarray(4) };
  });
  return { body, signatures };
}

/** An Ed25519 note signature by `key` (named `name`) over `body`. */
export function signBody(body: string, name: string, privateKey: KeyObject): NoteSignature {
  checkKeyName(name);
  return {
    name,
    keyHash: keyHash(name, privateKey),
    signature: sign(null, Buffer.from(body, 'utf8'), privateKey),
  };
}

function signatureBy(note: SignedNote, key: NamedKey, type: number): NoteSignature {
  const id = keyHash(key.name, key.publicKey, type);
  const found = note.signatures.find((sig) => sig.name === key.name && sig.keyHash.equals(id));
  if (!found) throw new NoteError(`note has no signature by ${key.name}+${id.toString('hex')}`);
  return found;
}

/** Throws NoteError unless the note carries a valid Ed25519 signature by `key`. */
export function checkNoteSignature(note: SignedNote, key: NamedKey): void {
  const found = signatureBy(note, key, SIG_TYPE_ED25519);
  if (
    found.signature.length !== 64 ||
    !verify(null, Buffer.from(note.body, 'utf8'), key.publicKey, found.signature)
  ) {
    throw new NoteError(`signature by ${key.name} does not verify`);
  }
}

export function verifyNoteSignature(note: SignedNote, key: NamedKey): boolean {
  try {
    checkNoteSignature(note, key);
    return true;
  } catch (error) {
    if (error instanceof NoteError) return false;
    throw error;
  }
}

// ---- checkpoints ----

/** `<origin>\n<size>\n<base64 root>\n` plus any extension lines. */
export function checkpointBody(checkpoint: Checkpoint): string {
  if (
    checkpoint.origin === '' ||
    checkpoint.origin.includes('\n') ||
    hasControl(checkpoint.origin)
  ) {
    throw new NoteError('checkpoint origin must be one non-empty line');
  }
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0)
    throw new NoteError('tree size must be a non-negative integer');
  if (checkpoint.root.length !== HASH_SIZE)
    throw new NoteError(`root hash must be ${HASH_SIZE} bytes`);
  const extensions = checkpoint.extensions.map((line) => {
    if (line === '' || line.includes('\n'))
      throw new NoteError('extension lines must be non-empty single lines');
    return `${line}\n`;
  });
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString('base64')}\n${extensions.join('')}`;
}

/** Strict parse of a checkpoint body. */
export function parseCheckpointBody(body: string): Checkpoint {
  if (!body.endsWith('\n')) throw new NoteError('checkpoint does not end with a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3)
    throw new NoteError('checkpoint needs origin, tree size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === '') throw new NoteError('checkpoint origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText))
    throw new NoteError(`tree size ${JSON.stringify(sizeText)} is not a decimal number`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new NoteError(`tree size ${sizeText} is too large`);
  const root = decodeBase64(rootText, 'root hash');
  if (root.length !== HASH_SIZE)
    throw new NoteError(`root hash is ${root.length} bytes, not ${HASH_SIZE}`);
  if (extensions.some((line) => line === ''))
    throw new NoteError('checkpoint has an empty extension line');
  return { origin, size, root, extensions };
}

/** Signed checkpoint note text; the key name is the origin. */
export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): string {
  const body = checkpointBody(checkpoint);
  return formatNote({ body, signatures: [signBody(body, checkpoint.origin, privateKey)] });
}

/**
 * Parses a checkpoint note and checks the signature of the log key (named by the origin);
 * throws NoteError saying what is wrong.
 */
export function openCheckpoint(text: string, logKey: NamedKey): Checkpoint & { note: SignedNote } {
  const note = parseNote(text);
  const checkpoint = parseCheckpointBody(note.body);
  if (checkpoint.origin !== logKey.name) {
    throw new NoteError(`checkpoint origin ${checkpoint.origin} is not the log ${logKey.name}`);
  }
  checkNoteSignature(note, logKey);
  return { ...checkpoint, note };
}

// ---- cosignatures (c2sp.org/tlog-cosignature, Ed25519 v1) ----

/** `cosignature/v1\ntime <unix seconds>\n` followed by the checkpoint body. */
export function cosignatureMessage(body: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new NoteError('cosignature time must be non-negative whole seconds');
  return `cosignature/v1\ntime ${timestamp}\n${body}`;
}

/** A cosignature/v1 signature: key ID (type 0x04) ‖ 8-byte big-endian time ‖ Ed25519 signature. */
export function cosign(
  body: string,
  name: string,
  privateKey: KeyObject,
  timestamp: number,
): NoteSignature {
  checkKeyName(name);
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timestamp));
  const signature = sign(
    null,
    Buffer.from(cosignatureMessage(body, timestamp), 'utf8'),
    privateKey,
  );
  return {
    name,
    keyHash: keyHash(name, privateKey, SIG_TYPE_COSIGNATURE_V1),
    signature: Buffer.concat([time, signature]),
  };
}

/** Checks the cosignature by `key` on the note; returns its time (unix seconds). */
export function checkCosignature(note: SignedNote, key: NamedKey): number {
  const found = signatureBy(note, key, SIG_TYPE_COSIGNATURE_V1);
  if (found.signature.length !== 72)
    throw new NoteError(`cosignature by ${key.name} is not 8 + 64 bytes`);
  const time = found.signature.readBigUInt64BE(0);
  if (time > BigInt(Number.MAX_SAFE_INTEGER))
    throw new NoteError(`cosignature by ${key.name} has an impossible time`);
  const timestamp = Number(time);
  const message = Buffer.from(cosignatureMessage(note.body, timestamp), 'utf8');
  if (!verify(null, message, key.publicKey, found.signature.subarray(8))) {
    throw new NoteError(`cosignature by ${key.name} does not verify`);
  }
  return timestamp;
}

export function verifyCosignature(note: SignedNote, key: NamedKey): boolean {
  try {
    checkCosignature(note, key);
    return true;
  } catch (error) {
    if (error instanceof NoteError) return false;
    throw error;
  }
}

/** The note with more signature lines (e.g. cosignatures) appended. */
export function addSignatures(text: string, signatures: readonly NoteSignature[]): string {
  const note = parseNote(text);
  return formatNote({ body: note.body, signatures: [...note.signatures, ...signatures] });
}
