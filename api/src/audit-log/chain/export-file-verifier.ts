import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuditExportManifest } from '../entities/audit-export.entity';
import { checkInclusion, leafHash, NoteError, ProofError } from '../merkle';
import { verifyDocument } from './checkpoint-signer';
import { canonicalEvent, eventHash } from './event-hash';
import { openPublishedCheckpoint } from './published-checkpoints';
import { trustedKeyList, type TrustedKeys } from './trusted-keys';

export interface ExportFileResult {
  ok: boolean;
  checked: number;
  reason?: string;
  firstBadSeq?: string;
  /** Key id of the trusted key that signed the manifest (and of its tree checkpoint's note). */
  signedBy?: { manifest: string; treeCheckpoint?: string };
}

interface JsonlEvent {
  id: string;
  seq: string;
  occurredAt: string;
  actor: { type: string; id: string | null; display: string };
  action: string;
  target: { type: string; id: string | null };
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** Absent from files exported before trace ids were recorded. */
  traceId?: string | null;
  prevHash: string;
  hash: string;
}

/**
 * Offline check of a background export against its manifest and the published public keys (the
 * manifest's keyId picks the current or a retired key; an unknown one fails):
 * the manifest signature, the file's SHA-256 and, for JSON Lines, every event's own hash,
 * the links between consecutive seqs, the count and the first/last seq and hash.
 * (CSV cells may carry a formula-guard `'`, so CSV is checked by digest and count only.)
 */
export async function verifyExportFile(
  filePath: string,
  manifest: AuditExportManifest,
  signature: string,
  keys: TrustedKeys,
): Promise<ExportFileResult> {
  const trusted = trustedKeyList(keys);
  // The manifest names its key (keyId); any trusted key whose signature verifies is accepted.
  const signer = trusted.find((key) => verifyDocument(key.publicKey, manifest, signature));
  if (!signer) {
    const known = trusted.some((key) => key.keyId === manifest.keyId);
    return {
      ok: false,
      checked: 0,
      reason: known
        ? 'the manifest signature does not verify'
        : `the manifest is signed by unknown key ${manifest.keyId}`,
    };
  }
  const digest = createHash('sha256');
  const input = createReadStream(filePath);
  input.on('data', (chunk) => digest.update(chunk));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let checked = 0;
  let header = manifest.format === 'csv';
  let first: JsonlEvent | undefined;
  let previous: JsonlEvent | undefined;
  let failure: { reason: string; seq?: string } | undefined;
  // A quoted CSV cell may span lines: a record ends where the quotes seen so far balance.
  let openQuote = false;
  for await (const line of lines) {
    if (manifest.format === 'csv' && (line.split('"').length - 1) % 2 === 1) openQuote = !openQuote;
    if (line === '' || openQuote) continue;
    if (header) {
      header = false;
      continue;
    }
    checked += 1;
    if (manifest.format !== 'jsonl' || failure) continue;
    const event = JSON.parse(line) as JsonlEvent;
    first ??= event;
    const hash = eventHash(event.prevHash, { ...event, occurredAt: new Date(event.occurredAt) });
    if (hash !== event.hash) {
      failure = { reason: `hash of seq ${event.seq} does not match its content`, seq: event.seq };
    } else if (
      previous &&
      BigInt(event.seq) === BigInt(previous.seq) + 1n &&
      event.prevHash !== previous.hash
    ) {
      failure = { reason: `seq ${event.seq} does not link to seq ${previous.seq}`, seq: event.seq };
    } else if (previous && BigInt(event.seq) <= BigInt(previous.seq)) {
      failure = { reason: `seq ${event.seq} is out of order`, seq: event.seq };
    }
    previous = event;
  }
  if (digest.digest('hex') !== manifest.fileSha256) {
    return { ok: false, checked, reason: 'the file does not match manifest.fileSha256' };
  }
  if (failure) return { ok: false, checked, reason: failure.reason, firstBadSeq: failure.seq };
  if (checked !== manifest.count) {
    return {
      ok: false,
      checked,
      reason: `the file holds ${checked} events, the manifest ${manifest.count}`,
    };
  }
  const ends = { first: first?.seq ?? null, last: previous?.hash ?? null };
  if (
    manifest.format === 'jsonl' &&
    (ends.first !== manifest.firstSeq || ends.last !== manifest.lastHash)
  ) {
    return { ok: false, checked, reason: 'first or last event differs from the manifest' };
  }
  const tree = checkTreeCheckpoint(manifest, keys, first, previous);
  if (typeof tree === 'string') return { ok: false, checked, reason: tree };
  const signedBy = { manifest: signer.keyId, ...(tree ? { treeCheckpoint: tree.keyId } : {}) };
  return { ok: true, checked, signedBy };
}

/**
 * The manifest's tree checkpoint (when it has one): the note's signature by the audit key and,
 * for JSON Lines, the inclusion of the file's first and last events in its root. A CSV cell may
 * carry the formula guard, so there only the note is checked.
 */
function checkTreeCheckpoint(
  manifest: AuditExportManifest,
  keys: TrustedKeys,
  first: JsonlEvent | undefined,
  last: JsonlEvent | undefined,
): string | { keyId: string } | undefined {
  const tree = manifest.treeCheckpoint;
  if (!tree) return undefined;
  try {
    const checkpoint = openPublishedCheckpoint(tree.note, 'the manifest', keys);
    if (checkpoint.size !== tree.treeSize) {
      return `the manifest's checkpoint has size ${checkpoint.size}, its proofs say ${tree.treeSize}`;
    }
    if (manifest.format !== 'jsonl') return { keyId: checkpoint.keyId };
    for (const [what, event, proof] of [
      ['first', first, tree.first],
      ['last', last, tree.last],
    ] as const) {
      if (!event || event.seq !== proof.seq || proof.leafIndex !== Number(event.seq) - 1) {
        return `the ${what} event's proof is for another seq`;
      }
      const leaf = leafHash(canonicalEvent({ ...event }));
      const hashes = proof.proof.map((hash) => Buffer.from(hash, 'base64'));
      checkInclusion(leaf, proof.leafIndex, checkpoint.size, hashes, checkpoint.root);
    }
    return { keyId: checkpoint.keyId };
  } catch (error) {
    if (error instanceof NoteError)
      return `the manifest's checkpoint does not verify: ${error.message}`;
    if (error instanceof ProofError) {
      return `an exported event is not in the manifest's checkpoint: ${error.message}`;
    }
    throw error;
  }
}
