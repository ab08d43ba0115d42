import { hash as sha256 } from 'node:crypto';
import type { AuditChanges } from '../audit-event.input';
import { verifyCheckpoint } from './checkpoint-signer';
import { canonicalEvent } from './event-hash';
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
      this.signedBy.set(key.keyId, (this.signedBy.get(key.keyId) ?? 0) + 1);
    }
  }

  /** Returns false once the chain is broken (the caller can stop reading). */
  push(event: ChainEvent): boolean {
    if (this.failure) return false;
    const canonical = canonicalEvent({
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
    return this.pushCanonical(event.seq, event.prevHash, event.hash, canonical);
  }

  /**
   * The same check from an event's canonical JSON (`canonicalEvent`), which the fast read path
   * builds straight from database rows; the text feeds both the chain hash and the tree leaf.
   */
  pushCanonical(seqText: string, prevHash: string, hash: string, canonical: string): boolean {
    if (this.failure) return false;
    let length = 64 + this.scratch.write(canonical, 64, 'utf8');
    if (length >= this.scratch.length - 3) {
      // Possibly truncated (write stops at the end): grow to fit and write again.
      this.scratch = Buffer.alloc(2 * (64 + Buffer.byteLength(canonical)));
      length = 64 + this.scratch.write(canonical, 64, 'utf8');
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
    if (this.expectedSeq !== undefined && seq !== this.expectedSeq) {
      return this.fail(
        String(this.expectedSeq < seq ? this.expectedSeq : seq),
        seq > this.expectedSeq
          ? `seq ${this.expectedSeq} is missing`
          : `seq ${seq} appears out of order`,
      );
    }
    const seqText = text ?? String(seq);
    if (this.prevHash !== undefined && prevHash !== this.prevHash) {
      return this.fail(seqText, `prevHash of seq ${seqText} does not match the previous hash`);
    }
    buffer.write(prevHash, 0, 64, 'latin1');
    if (sha256('sha256', buffer.subarray(0, length), 'hex') !== hash) {
      return this.fail(seqText, `hash of seq ${seqText} does not match its content`);
    }
    if (this.checkpoints.size > 0) {
      const checkpoint = this.checkpoints.get(seqText);
      if (checkpoint) {
        if (checkpoint.hash !== hash) {
          return this.fail(seqText, `seq ${seqText} differs from its signed checkpoint`);
        }
        this.checkpoints.delete(seqText);
      }
    }
    if (this.tree) {
      buffer[63] = 0;
      if (!this.tree.push(sha256('sha256', buffer.subarray(63, length), 'buffer'))) {
        const failure = this.tree.failed as { seq: string; reason: string };
        return this.fail(failure.seq, failure.reason);
      }
    }
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
