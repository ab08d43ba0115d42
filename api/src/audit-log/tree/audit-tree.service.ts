import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, CURSOR_KEYS, encodeCursor } from '../../common/pagination/cursor';
import { Page } from '../../common/pagination/page.dto';
import { ProblemException } from '../../common/problem/problem.exception';
import { CheckpointSigner } from '../chain/checkpoint-signer';
import {
  AuditCheckpointDto,
  AuditConsistencyProofDto,
  AuditInclusionProofDto,
} from '../dto/audit-tree.dto';
import {
  consistencyPlan,
  inclusionPlan,
  parseCheckpointBody,
  parseNote,
  readPlans,
  rootPlan,
  verifyNoteSignature,
  vkey,
} from '../merkle';
import { merkleStore } from './merkle-store';
import { TreeCheckpointer } from './tree-checkpointer.service';

interface CheckpointRow {
  tree_size: string;
  note: string;
  created_at: Date;
  cosignatures: string[];
}

/** Witness cosignature lines of checkpoint row `t` (same size and root), oldest first. */
const COSIGNATURES = `ARRAY(SELECT c.signature_line FROM audit_checkpoint_cosignatures c
  WHERE c.tree_size = t.tree_size AND c.root_hash = encode(t.root, 'base64')
  ORDER BY c.received_at, c.witness_key_id) AS cosignatures`;

const CURSOR_FINGERPRINT = 'audit-checkpoints';

function unprocessable(detail: string, slug = 'unprocessable-content'): ProblemException {
  return new ProblemException({ status: HttpStatus.UNPROCESSABLE_ENTITY, slug, detail });
}

/** Checkpoints and proofs for the API: each proof is one batch read of tree nodes. */
@Injectable()
export class AuditTreeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: CheckpointSigner,
    private readonly checkpointer: TreeCheckpointer,
  ) {}

  private toDto(row: CheckpointRow): AuditCheckpointDto {
    const note = parseNote(row.note);
    const checkpoint = parseCheckpointBody(note.body);
    // After a rotation older checkpoints verify with a retired key: name the one that signed.
    const signer = this.signer.trustedPublicKeys.find((publicKey) =>
      verifyNoteSignature(note, { name: checkpoint.origin, publicKey }),
    );
    return {
      origin: checkpoint.origin,
      treeSize: checkpoint.size,
      rootHash: checkpoint.root.toString('base64'),
      note: row.note,
      vkey: vkey(checkpoint.origin, signer ?? this.signer.publicKey),
      createdAt: row.created_at.toISOString(),
      cosignatures: row.cosignatures,
    };
  }

  async latest(): Promise<AuditCheckpointDto> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT tree_size, note, created_at, ${COSIGNATURES}
         FROM audit_tree_checkpoints t ORDER BY tree_size DESC LIMIT 1`,
    );
    if (!rows[0])
      throw new ProblemException({
        status: HttpStatus.NOT_FOUND,
        detail: 'No checkpoint has been signed yet.',
      });
    return this.toDto(rows[0]);
  }

  /** Newest first, keyset on tree size. */
  async list(query: { limit?: number; cursor?: string }): Promise<Page<AuditCheckpointDto>> {
    const limit = query.limit ?? 20;
    const after =
      query.cursor === undefined
        ? null
        : decodeCursor(query.cursor, CURSOR_FINGERPRINT, [CURSOR_KEYS.bigint])[0];
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT tree_size, note, created_at, ${COSIGNATURES} FROM audit_tree_checkpoints t
        WHERE ($1::bigint IS NULL OR tree_size < $1) ORDER BY tree_size DESC LIMIT $2`,
      [after, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => this.toDto(row));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor(CURSOR_FINGERPRINT, [last.tree_size]) : null };
  }

  async inclusion(eventId: string, treeSizeText?: string): Promise<AuditInclusionProofDto> {
    const events: { seq: string }[] = await this.dataSource.query(
      'SELECT seq FROM audit_events WHERE id = $1',
      [eventId],
    );
    if (!events[0])
      throw new ProblemException({
        status: HttpStatus.NOT_FOUND,
        detail: `No sealed audit event ${eventId}.`,
      });
    const stored = await merkleStore.treeSize(this.dataSource);
    let treeSize: number;
    if (treeSizeText === undefined) {
      const rows: { tree_size: string }[] = await this.dataSource.query(
        'SELECT tree_size FROM audit_tree_checkpoints ORDER BY tree_size DESC LIMIT 1',
      );
      if (!rows[0])
        throw unprocessable('No checkpoint has been signed yet: pass treeSize.', 'no-checkpoint');
      treeSize = Number(rows[0].tree_size);
    } else {
      treeSize = Number(treeSizeText);
    }
    if (treeSize > stored)
      throw unprocessable(
        `treeSize ${treeSize} is beyond the tree (${stored} leaves).`,
        'tree-size-out-of-range',
      );
    const leafIndex = Number(events[0].seq) - 1;
    if (leafIndex >= treeSize) {
      throw unprocessable(
        `Event seq ${events[0].seq} is not in the tree of size ${treeSize}.`,
        'event-not-in-tree',
      );
    }
    const [hashes, [root], [leaf]] = await readPlans(merkleStore.reader(this.dataSource), [
      inclusionPlan(leafIndex, treeSize),
      rootPlan(treeSize),
      {
        spans: [{ begin: leafIndex, end: leafIndex + 1 }],
        coords: [{ level: 0, index: leafIndex }],
      },
    ]);
    return {
      eventId,
      leafIndex,
      treeSize,
      leafHash: leaf.toString('base64'),
      rootHash: root.toString('base64'),
      hashes: hashes.map((hash) => hash.toString('base64')),
    };
  }

  async consistency(fromText: string, toText: string): Promise<AuditConsistencyProofDto> {
    const from = Number(fromText);
    const to = Number(toText);
    if (from > to)
      throw unprocessable(`from (${from}) must not exceed to (${to}).`, 'invalid-tree-range');
    const stored = await merkleStore.treeSize(this.dataSource);
    if (to > stored)
      throw unprocessable(
        `to ${to} is beyond the tree (${stored} leaves).`,
        'tree-size-out-of-range',
      );
    const [hashes, [fromRoot], [toRoot]] = await readPlans(merkleStore.reader(this.dataSource), [
      consistencyPlan(from, to),
      rootPlan(from),
      rootPlan(to),
    ]);
    return {
      from,
      to,
      fromRoot: fromRoot.toString('base64'),
      toRoot: toRoot.toString('base64'),
      hashes: hashes.map((hash) => hash.toString('base64')),
    };
  }

  /** The origin checkpoints carry (for the controller's docs and tests). */
  get origin(): string {
    return this.checkpointer.origin;
  }
}
