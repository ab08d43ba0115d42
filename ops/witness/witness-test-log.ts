import { generateKeyPairSync, KeyObject } from 'node:crypto';
import {
  consistencyProof,
  formatAddCheckpoint,
  leafHash,
  type NodeReader,
  parseVkey,
  rootOfLeaves,
  signCheckpoint,
  vkey,
} from '../../api/src/audit-log';

/**
 * An in-memory log for witness tests: leaves, their RFC 9162 tree, checkpoints signed with
 * its own key and add-checkpoint bodies with real consistency proofs. Its tree is built by
 * the shared Merkle library's naive root function, not by the log's node storage.
 */
export class TestLog {
  readonly privateKey: KeyObject;
  leaves: Buffer[] = [];

  constructor(
    readonly origin: string,
    privateKey?: KeyObject,
  ) {
    this.privateKey = privateKey ?? generateKeyPairSync('ed25519').privateKey;
  }

  get vkey(): string {
    return vkey(this.origin, this.privateKey);
  }

  get namedKey() {
    return parseVkey(this.vkey);
  }

  append(...entries: string[]): this {
    this.leaves.push(...entries.map((entry) => leafHash(entry)));
    return this;
  }

  root(size = this.leaves.length): Buffer {
    return rootOfLeaves(this.leaves.slice(0, size));
  }

  checkpoint(size = this.leaves.length): string {
    return signCheckpoint(
      { origin: this.origin, size, root: this.root(size), extensions: [] },
      this.privateKey,
    );
  }

  private get reader(): NodeReader {
    return {
      readNodes: (coords) =>
        Promise.resolve(
          coords.map(({ level, index }) =>
            rootOfLeaves(this.leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)),
          ),
        ),
    };
  }

  proof(from: number, to = this.leaves.length): Promise<Buffer[]> {
    return from === 0 || from === to
      ? Promise.resolve([])
      : consistencyProof(this.reader, from, to);
  }

  /** An add-checkpoint body from `oldSize` to the current (or given) size. */
  async request(oldSize: number, size = this.leaves.length, checkpoint?: string): Promise<string> {
    return formatAddCheckpoint({
      oldSize,
      proof: await this.proof(oldSize, size),
      checkpoint: checkpoint ?? this.checkpoint(size),
    });
  }
}
