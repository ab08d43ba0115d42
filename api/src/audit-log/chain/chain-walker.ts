import { hash as sha256 } from 'node:crypto';
import type { AuditChanges } from '../audit-event.input';
import { verifyCheckpoint } from './checkpoint-signer';
import { canonicalEvent } from './event-hash';
import { CANONICAL_AT, leafInput } from './hash-input';
import type { TreeChecker } from './tree-checker';
import { trustedKeyList, type TrustedKey, type TrustedKeys } from './trusted-keys';

/** A sealed event as verification reads it (from the database or an export file). */
export interface ChainEvent {
  seq: string;
  id: string;
  occurredAt: Date | string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorDisplay: string;
  targetType: string;
  targetId: string | null;
  changes: AuditChanges | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  traceId: string | null;
  prevHash: string;
  hash: string;
}

/** The canonical JSON an event's chain hash and Merkle leaf cover. */
export function canonicalOfChainEvent(event: ChainEvent): string {
  return canonicalEvent({
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt,
    actor: { type: event.actorType, id: event.actorId, display: event.actorDisplay },
    action: event.action,
    target: { type: event.targetType, id: event.targetId },
    changes: event.changes,
    outcome: event.outcome,
    ip: event.ip,
    userAgent: event.userAgent,
    requestId: event.requestId,
    traceId: event.traceId,
  });
}

/**
 * One event as the binary COPY read path hands it over (`EventTupleEncoder`): its canonical
 * JSON in `buffer[64, length)`, and its prev_hash and hash as bytes of the tuple `data` (size
 * -1: NULL), so the walk compares and copies hashes without making strings of them.
 */
export interface EncodedEvent {
  readonly seq: number;
  readonly buffer: Buffer;
  readonly length: number;
  readonly data: Buffer;
  readonly prevHashAt: number;
  readonly prevHashSize: number;
  readonly hashAt: number;
  readonly hashSize: number;
  /** The same fields as text (latin1, '' for NULL), for what is not a 64-byte hash. */
  readonly prevHash: string;
  readonly hash: string;
}

/** SHA-256 in hex: the form of every hash in the chain. */
const HASH_CHARS = 64;

/** Whether `data[at, at + text.length)` read as latin1 is `text` (no string made). */
function bytesAre(data: Buffer, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (data[at + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

export interface ChainCheckpoint {
  seq: string;
  hash: string;
  createdAt: Date;
  keyId: string;
  signature: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadSeq?: string;
  reason?: string;
  /** Published (signed note) checkpoints whose root the events reproduced. */
  checkpointsChecked?: number;
  /**
   * Which trusted key signed what, by key id: chain checkpoints (database rows) in the walked
   * range and the published tree checkpoints held against the log. Two ids after a rotation.
   */
  signedBy?: Record<string, { chainCheckpoints: number; treeCheckpoints: number }>;
}

/**
 * Walks a contiguous stretch of the chain, one event at a time, in seq order. Pure: the
 * database verifier, the CLI and the export-file verifier all feed it.
 */
export class ChainWalker {
  private checked = 0;
  /** A Number: seqs stay far below 2^53, and BigInt per event costs measurably. */
  private expectedSeq: number | undefined;
  private prevHash: string | undefined;
  /**
   * The previous event's hash as bytes, when the last event came through `pushTuple`
   * (`prevHash` is then stale); the string paths turn it back into `prevHash`.
   */
  private readonly prevBytes = Buffer.alloc(HASH_CHARS);
  private prevIsBytes = false;
  /** The checkpoints' seqs as numbers: a per-event lookup without making the seq's string. */
  private readonly checkpointSeqs = new Set<number>();
  private failure: { seq: string; reason: string } | undefined;
  private readonly checkpoints = new Map<string, ChainCheckpoint>();
  private scratch = Buffer.alloc(16 * 1024);
  private readonly keys: Map<string, TrustedKey>;
  private readonly signedBy = new Map<string, number>();

  /**
   * @param start seq the walk must begin at and the hash that precedes it, when known
   *   (the previous event's hash, or a checkpoint's before a purged stretch).
   */
  constructor(
    keys: TrustedKeys,
    start?: { seq: bigint; prevHash: string },
    private readonly tree?: TreeChecker,
  ) {
    this.expectedSeq = start === undefined ? undefined : Number(start.seq);
    this.prevHash = start?.prevHash;
    this.keys = new Map(trustedKeyList(keys).map((key) => [key.keyId, key]));
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Checkpoints inside the walked range; each must be signed and match the event's hash. */
  addCheckpoint(checkpoint: ChainCheckpoint): void {
    if (this.failure) return;
    const key = this.keys.get(checkpoint.keyId);
    if (!key) {
      this.fail(
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} is signed by unknown key ${checkpoint.keyId} (trusted: ${[...this.keys.keys()].join(', ')})`,
      );
    } else if (!verifyCheckpoint(key.publicKey, checkpoint, checkpoint.signature)) {
      this.fail(checkpoint.seq, `checkpoint ${checkpoint.seq} has a bad signature`);
    } else {
      this.checkpoints.set(checkpoint.seq, checkpoint);
      this.checkpointSeqs.add(Number(checkpoint.seq));
      this.signedBy.set(key.keyId, (this.signedBy.get(key.keyId) ?? 0) + 1);
    }
  }

  /** Returns false once the chain is broken (the caller can stop reading). */
  push(event: ChainEvent): boolean {
    if (this.failure) return false;
    const canonical = canonicalOfChainEvent(event);
    return this.pushCanonical(event.seq, event.prevHash, event.hash, canonical);
  }

  /**
   * The same check from an event's canonical JSON (`canonicalEvent`), which the fast read path
   * builds straight from database rows; the text feeds both the chain hash and the tree leaf.
   */
  pushCanonical(seqText: string, prevHash: string, hash: string, canonical: string): boolean {
    if (this.failure) return false;
    let length = CANONICAL_AT + this.scratch.write(canonical, CANONICAL_AT, 'utf8');
    if (length >= this.scratch.length - 3) {
      // Possibly truncated (write stops at the end): grow to fit and write again.
      this.scratch = Buffer.alloc(2 * (CANONICAL_AT + Buffer.byteLength(canonical)));
      length = CANONICAL_AT + this.scratch.write(canonical, CANONICAL_AT, 'utf8');
    }
    return this.check(Number(seqText), seqText, prevHash, hash, this.scratch, length);
  }

  /**
   * The same check from bytes: `buffer[64, length)` holds the event's canonical JSON (the
   * COPY read path writes it there straight from the row's bytes); the walker writes the
   * prevHash into the first 64 bytes and hashes them in place.
   */
  pushEncoded(
    seq: number,
    prevHash: string,
    hash: string,
    buffer: Buffer,
    length: number,
  ): boolean {
    if (this.failure) return false;
    return this.check(seq, undefined, prevHash, hash, buffer, length);
  }

  /**
   * The COPY read path's check, on bytes: the tuple's prev_hash is compared with the previous
   * hash and copied into `buffer[0, 64)` as they are, the digest compared with the tuple's
   * hash character by character; no string per event. Hashes that are not 64 bytes (tampered,
   * NULL) take the string check, which words the failure.
   */
  pushTuple(event: EncodedEvent): boolean {
    if (this.failure) return false;
    if (event.prevHashSize !== HASH_CHARS || event.hashSize !== HASH_CHARS) {
      return this.pushEncoded(event.seq, event.prevHash, event.hash, event.buffer, event.length);
    }
    const seq = event.seq;
    if (this.expectedSeq !== undefined && seq !== this.expectedSeq) return this.outOfOrder(seq);
    const { data, buffer, prevHashAt, hashAt } = event;
    const linked = this.prevIsBytes
      ? data.compare(this.prevBytes, 0, HASH_CHARS, prevHashAt, prevHashAt + HASH_CHARS) === 0
      : this.prevHash === undefined ||
        (this.prevHash.length === HASH_CHARS && bytesAre(data, prevHashAt, this.prevHash));
    if (!linked) {
      return this.fail(String(seq), `prevHash of seq ${seq} does not match the previous hash`);
    }
    for (let i = 0; i < HASH_CHARS; i += 1) buffer[i] = data[prevHashAt + i];
    const digest = sha256('sha256', buffer.subarray(0, event.length), 'hex');
    if (!bytesAre(data, hashAt, digest)) {
      return this.fail(String(seq), `hash of seq ${seq} does not match its content`);
    }
    if (this.checkpointSeqs.has(seq) && !this.passesCheckpoint(String(seq), event.hash)) {
      return false;
    }
    if (this.tree && !this.pushLeaf(buffer, event.length)) return false;
    this.checked += 1;
    this.expectedSeq = seq + 1;
    for (let i = 0; i < HASH_CHARS; i += 1) this.prevBytes[i] = data[hashAt + i];
    this.prevIsBytes = true;
    return true;
  }

  private outOfOrder(seq: number): false {
    const expected = this.expectedSeq as number;
    return this.fail(
      String(expected < seq ? expected : seq),
      seq > expected ? `seq ${expected} is missing` : `seq ${seq} appears out of order`,
    );
  }

  /** A chain checkpoint at this seq must carry the event's hash (then it is used up). */
  private passesCheckpoint(seqText: string, hash: string): boolean {
    const checkpoint = this.checkpoints.get(seqText);
    if (!checkpoint) return true;
    if (checkpoint.hash !== hash) {
      return this.fail(seqText, `seq ${seqText} differs from its signed checkpoint`);
    }
    this.checkpoints.delete(seqText);
    this.checkpointSeqs.delete(Number(seqText));
    return true;
  }

  /** The leaf, 0x00 ‖ canonical, hashed from the chain hash's own buffer. */
  private pushLeaf(buffer: Buffer, length: number): boolean {
    const leaf = sha256('sha256', leafInput(buffer, length), 'binary');
    if ((this.tree as TreeChecker).pushDigest(leaf)) {
      return true;
    }
    const failure = (this.tree as TreeChecker).failed as { seq: string; reason: string };
    return this.fail(failure.seq, failure.reason);
  }

  /**
   * prevHash ‖ canonical is hashed from one buffer (64 ASCII bytes, then UTF-8): the chain hash
   * covers all of it, and the leaf, 0x00 ‖ canonical, is the same bytes from offset 63 once
   * that byte is overwritten; no string concatenation, one UTF-8 encoding.
   */
  private check(
    seq: number,
    text: string | undefined,
    prevHash: string,
    hash: string,
    buffer: Buffer,
    length: number,
  ): boolean {
    if (this.prevIsBytes) {
      this.prevHash = this.prevBytes.toString('latin1');
      this.prevIsBytes = false;
    }
    if (this.expectedSeq !== undefined && seq !== this.expectedSeq) return this.outOfOrder(seq);
    const seqText = text ?? String(seq);
    if (this.prevHash !== undefined && prevHash !== this.prevHash) {
      return this.fail(seqText, `prevHash of seq ${seqText} does not match the previous hash`);
    }
    buffer.write(prevHash, 0, 64, 'latin1');
    if (sha256('sha256', buffer.subarray(0, length), 'hex') !== hash) {
      return this.fail(seqText, `hash of seq ${seqText} does not match its content`);
    }
    if (this.checkpoints.size > 0 && !this.passesCheckpoint(seqText, hash)) return false;
    if (this.tree && !this.pushLeaf(buffer, length)) return false;
    this.checked += 1;
    this.expectedSeq = seq + 1;
    this.prevHash = hash;
    return true;
  }

  /**
   * Ends the walk; `expectedEnd` is the last seq that must have been seen, when known, and
   * `atHead` says it is the log's last event (so a published checkpoint beyond it is a loss).
   */
  finish(expectedEnd?: bigint, atHead = false): VerifyResult {
    if (!this.failure && expectedEnd !== undefined) {
      const next = this.expectedSeq ?? 1;
      if (next <= Number(expectedEnd)) this.fail(String(next), `seq ${next} is missing`);
    }
    // Before the orphan chain checkpoint: a published tree checkpoint beyond the log says more.
    if (!this.failure && this.tree) {
      const failure = this.tree.finish(atHead);
      if (failure) this.fail(failure.seq, failure.reason);
    }
    if (!this.failure) {
      const orphan = [...this.checkpoints.keys()].sort((a, b) =>
        BigInt(a) < BigInt(b) ? -1 : 1,
      )[0];
      if (orphan !== undefined) this.fail(orphan, `seq ${orphan} has a checkpoint but is missing`);
    }
    const tree = this.tree ? { checkpointsChecked: this.tree.checked } : {};
    const signedBy = this.signedByReport();
    return this.failure
      ? {
          ok: false,
          checked: this.checked,
          firstBadSeq: this.failure.seq,
          reason: this.failure.reason,
          ...tree,
          ...signedBy,
        }
      : { ok: true, checked: this.checked, ...tree, ...signedBy };
  }

  /** Chain checkpoints counted here, tree checkpoints by the TreeChecker; absent when none. */
  private signedByReport(): Pick<VerifyResult, 'signedBy'> {
    const report: NonNullable<VerifyResult['signedBy']> = {};
    const entry = (keyId: string) =>
      (report[keyId] ??= { chainCheckpoints: 0, treeCheckpoints: 0 });
    for (const [keyId, count] of this.signedBy) entry(keyId).chainCheckpoints += count;
    for (const [keyId, count] of this.tree?.checkedBy ?? []) entry(keyId).treeCheckpoints += count;
    return Object.keys(report).length === 0 ? {} : { signedBy: report };
  }

  private fail(seq: string, reason: string): false {
    this.failure ??= { seq, reason };
    return false;
  }
}
