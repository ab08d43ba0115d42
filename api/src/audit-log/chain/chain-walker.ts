import type { KeyObject } from 'node:crypto';
import type { AuditChanges } from '../audit-event.input';
import { verifyCheckpoint } from './checkpoint-signer';
import { eventHash } from './event-hash';

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
}

/**
 * Walks a contiguous stretch of the chain, one event at a time, in seq order. Pure: the
 * database verifier, the CLI and the export-file verifier all feed it.
 */
export class ChainWalker {
  private checked = 0;
  private expectedSeq: bigint | undefined;
  private prevHash: string | undefined;
  private failure: { seq: string; reason: string } | undefined;
  private readonly checkpoints = new Map<string, ChainCheckpoint>();

  /**
   * @param start seq the walk must begin at and the hash that precedes it, when known
   *   (the previous event's hash, or a checkpoint's before a purged stretch).
   */
  constructor(
    private readonly publicKey: KeyObject,
    private readonly keyId: string,
    start?: { seq: bigint; prevHash: string },
  ) {
    this.expectedSeq = start?.seq;
    this.prevHash = start?.prevHash;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Checkpoints inside the walked range; each must be signed and match the event's hash. */
  addCheckpoint(checkpoint: ChainCheckpoint): void {
    if (this.failure) return;
    if (checkpoint.keyId !== this.keyId) {
      this.fail(
        checkpoint.seq,
        `checkpoint ${checkpoint.seq} is signed by unknown key ${checkpoint.keyId}`,
      );
    } else if (!verifyCheckpoint(this.publicKey, checkpoint, checkpoint.signature)) {
      this.fail(checkpoint.seq, `checkpoint ${checkpoint.seq} has a bad signature`);
    } else {
      this.checkpoints.set(checkpoint.seq, checkpoint);
    }
  }

  /** Returns false once the chain is broken (the caller can stop reading). */
  push(event: ChainEvent): boolean {
    if (this.failure) return false;
    const seq = BigInt(event.seq);
    if (this.expectedSeq !== undefined && seq !== this.expectedSeq) {
      return this.fail(
        (this.expectedSeq < seq ? this.expectedSeq : seq).toString(),
        seq > this.expectedSeq
          ? `seq ${this.expectedSeq} is missing`
          : `seq ${seq} appears out of order`,
      );
    }
    if (this.prevHash !== undefined && event.prevHash !== this.prevHash) {
      return this.fail(event.seq, `prevHash of seq ${event.seq} does not match the previous hash`);
    }
    const hash = eventHash(event.prevHash, {
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
    });
    if (hash !== event.hash) {
      return this.fail(event.seq, `hash of seq ${event.seq} does not match its content`);
    }
    const checkpoint = this.checkpoints.get(event.seq);
    if (checkpoint) {
      if (checkpoint.hash !== hash) {
        return this.fail(event.seq, `seq ${event.seq} differs from its signed checkpoint`);
      }
      this.checkpoints.delete(event.seq);
    }
    this.checked += 1;
    this.expectedSeq = seq + 1n;
    this.prevHash = hash;
    return true;
  }

  /** Ends the walk; `expectedEnd` is the last seq that must have been seen, when known. */
  finish(expectedEnd?: bigint): VerifyResult {
    if (!this.failure && expectedEnd !== undefined) {
      const next = this.expectedSeq ?? 1n;
      if (next <= expectedEnd) this.fail(next.toString(), `seq ${next} is missing`);
    }
    if (!this.failure) {
      const orphan = [...this.checkpoints.keys()].sort((a, b) =>
        BigInt(a) < BigInt(b) ? -1 : 1,
      )[0];
      if (orphan !== undefined) this.fail(orphan, `seq ${orphan} has a checkpoint but is missing`);
    }
    return this.failure
      ? {
          ok: false,
          checked: this.checked,
          firstBadSeq: this.failure.seq,
          reason: this.failure.reason,
        }
      : { ok: true, checked: this.checked };
  }

  private fail(seq: string, reason: string): false {
    this.failure ??= { seq, reason };
    return false;
  }
}
