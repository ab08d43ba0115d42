import { equalBytes, fromBase64, HASH_SIZE, ProofError, sha256, toHex } from './merkle-proof';

/**
 * C2SP signed notes and tlog checkpoints (c2sp.org/signed-note, tlog-checkpoint,
 * tlog-cosignature v1) read in the browser; signatures checked with Web Crypto Ed25519.
 * Byte formats: docs/audit-log.md ("Checkpoint note", "Witness").
 */

export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

export interface NoteSignature {
  name: string;
  /** 4-byte key ID as 8 hex digits. */
  keyId: string;
  /** Signature bytes after the key ID (cosignatures: 8-byte time ‖ Ed25519 signature). */
  signature: Uint8Array;
}

export interface SignedNote {
  /** The signed text: every line up to the blank line, final newline included. */
  body: string;
  signatures: NoteSignature[];
}

export interface CheckpointBody {
  origin: string;
  size: number;
  root: Uint8Array;
}

export interface Vkey {
  name: string;
  keyId: string;
  type: number;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/** What a witness cosignature line says (its signature is not checked here: see docs). */
export interface CosignatureInfo {
  name: string;
  keyId: string;
  /** The witness's signing time, or null when the line is not a cosignature/v1 blob. */
  time: Date | null;
}

const utf8 = new TextEncoder();

/** Parses a note into its body and signature lines; throws ProofError saying what is wrong. */
export function parseNote(text: string): SignedNote {
  if (!text.endsWith('\n')) throw new ProofError('note does not end with a newline');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new ProofError('note has no blank line between text and signatures');
  const lines = text.slice(split + 2, -1).split('\n');
  return {
    body: text.slice(0, split + 1),
    signatures: lines.map((line, i) => parseSignatureLine(line, i + 1)),
  };
}

/** One "— <name> <base64(key id ‖ signature)>" line (no newline). */
export function parseSignatureLine(line: string, number = 1): NoteSignature {
  const match = /^\u2014 (\S+) (\S+)$/u.exec(line.replace(/\n$/, ''));
  if (!match) throw new ProofError(`signature line ${number} is not "— <key name> <signature>"`);
  const blob = fromBase64(match[2], `signature line ${number}`);
  if (blob.length < 5) throw new ProofError(`signature line ${number} is too short`);
  return { name: match[1], keyId: toHex(blob.subarray(0, 4)), signature: blob.subarray(4) };
}

/** Origin, tree size and root of a checkpoint body. */
export function parseCheckpointBody(body: string): CheckpointBody {
  const [origin = '', sizeText = '', rootText = ''] = body.split('\n');
  if (!origin) throw new ProofError('checkpoint origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) {
    throw new ProofError(`tree size ${JSON.stringify(sizeText)} is not a decimal number`);
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new ProofError(`tree size ${sizeText} is too large`);
  const root = fromBase64(rootText, 'root hash');
  if (root.length !== HASH_SIZE) throw new ProofError(`root hash is ${root.length} bytes`);
  return { origin, size, root };
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], as hex. */
export async function keyId(name: string, type: number, publicKey: Uint8Array): Promise<string> {
  const name8 = utf8.encode(name);
  const input = new Uint8Array(name8.length + 2 + publicKey.length);
  input.set(name8);
  input.set([0x0a, type], name8.length);
  input.set(publicKey, name8.length + 2);
  return toHex((await sha256(input)).subarray(0, 4));
}

/** `<name>+<hex key id>+<base64(type ‖ key)>`, with the key id checked against the key. */
export async function parseVkey(text: string): Promise<Vkey> {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(text.trim());
  if (!match) throw new ProofError('vkey must be <name>+<8 hex digit key id>+<base64 key>');
  const [, name, id, material] = match;
  const bytes = fromBase64(material, 'vkey key');
  if (bytes.length !== 33) throw new ProofError('vkey key must be 33 bytes (type ‖ Ed25519 key)');
  const type = bytes[0];
  const publicKey = bytes.subarray(1);
  const expected = await keyId(name, type, publicKey);
  if (expected !== id)
    throw new ProofError(`vkey key id ${id} does not match its key (${expected})`);
  return { name, keyId: id, type, publicKey };
}

/** Ed25519 through Web Crypto; false when the signature does not verify. */
export async function verifyEd25519(
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      'raw',
      publicKey as Uint8Array<ArrayBuffer>,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
  } catch {
    throw new ProofError('this browser cannot check Ed25519 signatures (Web Crypto)');
  }
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    signature as Uint8Array<ArrayBuffer>,
    message as Uint8Array<ArrayBuffer>,
  );
}

/**
 * Throws ProofError unless the note carries a valid Ed25519 signature by the log's vkey, and
 * returns the checkpoint it signs (whose origin must be the key's name).
 */
export async function openCheckpoint(noteText: string, vkeyText: string): Promise<CheckpointBody> {
  const vkey = await parseVkey(vkeyText);
  if (vkey.type !== SIG_TYPE_ED25519) throw new ProofError('the log vkey is not an Ed25519 key');
  const note = parseNote(noteText);
  const checkpoint = parseCheckpointBody(note.body);
  if (checkpoint.origin !== vkey.name) {
    throw new ProofError(`checkpoint origin ${checkpoint.origin} is not the log ${vkey.name}`);
  }
  const found = note.signatures.find((sig) => sig.name === vkey.name && sig.keyId === vkey.keyId);
  if (!found) throw new ProofError(`note has no signature by ${vkey.name}+${vkey.keyId}`);
  const ok =
    found.signature.length === 64 &&
    (await verifyEd25519(vkey.publicKey, found.signature, utf8.encode(note.body)));
  if (!ok) throw new ProofError(`signature by ${vkey.name} does not verify`);
  return checkpoint;
}

/** Reads a cosignature line's witness name, key id and claimed time. */
export function describeCosignature(line: string): CosignatureInfo {
  const sig = parseSignatureLine(line);
  if (sig.signature.length !== 72) return { name: sig.name, keyId: sig.keyId, time: null };
  const seconds = new DataView(sig.signature.buffer, sig.signature.byteOffset, 8).getBigUint64(0);
  const time = seconds <= BigInt(8.64e12) ? new Date(Number(seconds) * 1000) : null;
  return { name: sig.name, keyId: sig.keyId, time };
}

/** True when both roots are the same 32 bytes, given as base64 (server fields) or bytes. */
export function sameRoot(a: Uint8Array, base64: string): boolean {
  try {
    return equalBytes(a, fromBase64(base64, 'root hash'));
  } catch {
    return false;
  }
}
