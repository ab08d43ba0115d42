import { hash } from 'node:crypto';
import type { Frontier } from '../merkle/frontier';
import { EMPTY_ROOT } from '../merkle/tree-hash';
import type { PublishedCheckpoint } from './published-checkpoints';

export interface TreeFailure {
  seq: string;
  reason: string;
}

/**
 * Rebuilds the RFC 9162 tree from the events as a walk reads them (leaf = SHA-256(0x00 ‖
 * canonical event JSON), hashed by the ChainWalker)) and holds it to published checkpoints: at each checkpoint's size the
 * root the events give must be the root it signed. Keeps only the right edge (one hash per
 * level), so memory stays O(log n); per event one leaf hash and on average one node hash.
 */
export class TreeChecker {
  private size: number;
  /**
   * The right edge, one hash per level, as 32-character latin1 strings: Node's one-shot
   * `hash()` returns a string for about half the cost of a Buffer (measured on Node 20).
   */
  private readonly stack: string[];
  /** 0x01 ‖ left ‖ right, reused for every node hash. */
  private readonly scratch = Buffer.alloc(65, 1);
  private readonly pending: PublishedCheckpoint[];
  private nextSize: number;
  /** Size up to which the tree is known good: the start, then each matching checkpoint. */
  private lastGood: number;
  private lastGoodIsCheckpoint = false;
  private failure: TreeFailure | undefined;
  checked = 0;
  /** Matching checkpoints by the key id that signed them (after a rotation, two keys). */
  readonly checkedBy = new Map<string, number>();

  /**
   * @param checkpoints published checkpoints, smallest first; those below `start.size` cannot
   *   be recomputed from the walked events and are left out by the caller.
   * @param start the tree before the first walked event (empty when the walk starts at seq 1).
   */
  constructor(
    checkpoints: readonly PublishedCheckpoint[],
    start: Frontier = { size: 0, hashes: [] },
  ) {
    this.size = start.size;
    this.stack = start.hashes.map((node) => node.toString('latin1'));
    this.lastGood = start.size;
    this.pending = checkpoints.filter((checkpoint) => checkpoint.size >= start.size);
    this.nextSize = this.pending[0]?.size ?? -1;
    if (this.nextSize === this.size) this.check();
  }

  get failed(): TreeFailure | undefined {
    return this.failure;
  }

  /** Appends one event's leaf hash; false once a checkpoint disagrees. */
  push(leaf: Buffer): boolean {
    return this.pushDigest(leaf.toString('latin1'));
  }

  /** `push` for a leaf hash as `hash('sha256', …, 'binary')` returns it (32 characters). */
  pushDigest(leaf: string): boolean {
    if (this.failure) return false;
    let node = leaf;
    // Binary-counter carry: each trailing 1 bit of the old size is a subtree to merge with.
    for (let n = this.size; n % 2 === 1; n = (n - 1) / 2) {
      node = this.nodeHash(this.stack.pop() as string, node);
    }
    this.stack.push(node);
    this.size += 1;
    return this.size === this.nextSize ? this.check() : true;
  }

  /** Root of the leaves so far. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let root = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i -= 1) root = this.nodeHash(this.stack[i], root);
    return Buffer.from(root, 'latin1');
  }

  /**
   * Ends the walk. `atHead`: the walk reached the last event of the log, so a checkpoint of a
   * larger tree means events that were signed are gone.
   */
  finish(atHead: boolean): TreeFailure | undefined {
    const beyond = this.pending[0];
    if (!this.failure && atHead && beyond) {
      this.failure = {
        seq: String(this.size + 1),
        reason:
          `the log has ${this.size} events but checkpoint ${beyond.size} (${beyond.source}) ` +
          'was published: events were deleted or rolled back',
      };
    }
    return this.failure;
  }

  private check(): boolean {
    const root = this.root();
    while (this.pending.length > 0 && this.pending[0].size === this.size) {
      const checkpoint = this.pending.shift() as PublishedCheckpoint;
      if (!checkpoint.root.equals(root)) {
        const since = this.lastGoodIsCheckpoint
          ? `, after seq ${this.lastGood} (checkpoint ${this.lastGood} still matches)`
          : '';
        this.failure = {
          seq: String(this.lastGood + 1),
          reason:
            `checkpoint ${checkpoint.size} (${checkpoint.source}) names root ` +
            `${checkpoint.root.toString('base64')}, the events give ${root.toString('base64')}: ` +
            `an event at or before seq ${checkpoint.size}${since} was altered`,
        };
        return false;
      }
      this.checked += 1;
      this.checkedBy.set(checkpoint.keyId, (this.checkedBy.get(checkpoint.keyId) ?? 0) + 1);
      this.lastGood = checkpoint.size;
      this.lastGoodIsCheckpoint = true;
    }
    this.nextSize = this.pending[0]?.size ?? -1;
    return true;
  }

  private nodeHash(left: string, right: string): string {
    const scratch = this.scratch;
    for (let i = 0; i < 32; i += 1) {
      scratch[1 + i] = left.charCodeAt(i);
      scratch[33 + i] = right.charCodeAt(i);
    }
    return hash('sha256', scratch, 'binary');
  }
}
