import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { Env } from '../config/env.schema';
import { EventTupleEncoder } from './event-tuple';
import { openEventTupleStream } from './event-tuple-stream';
import { ChainCheckpoint, ChainWalker, VerifyResult } from './chain/chain-walker';
import type { KeyObject } from 'node:crypto';
import { CheckpointSigner, verifyCheckpoint } from './chain/checkpoint-signer';
import { trustedKeyList } from './chain/trusted-keys';
import { GENESIS_HASH } from './chain/event-hash';
import { PublishedCheckpoint, readPublishedCheckpoints } from './chain/published-checkpoints';
import { TreeChecker } from './chain/tree-checker';

/**
 * The public half of the signing key, as verification needs it, and the retired keys
 * (AUDIT_PREVIOUS_PUBLIC_KEYS) still trusted for what they signed before a rotation.
 */
export interface ChainKey {
  publicKey: KeyObject;
  keyId: string;
  previousPublicKeys?: readonly KeyObject[];
}

function trustedOf(key: ChainKey): KeyObject[] {
  return [key.publicKey, ...(key.previousPublicKeys ?? [])];
}

export interface VerifyOptions {
  /** AUDIT_CHECKPOINT_DIR: the published checkpoint notes the log is held to. */
  checkpointDir?: string;
  /** More checkpoints to hold the log to (one an auditor kept: `--checkpoint FILE`). */
  checkpoints?: PublishedCheckpoint[];
  /** Called every PROGRESS_EVERY events with the count so far (the CLI's progress line). */
  onProgress?: (checked: number) => void;
}

const PROGRESS_EVERY = 100_000;

/**
 * Verifies the sealed log (or a seq range of it) in the database: the hash chain against its
 * checkpoint rows, and the Merkle tree rebuilt from the events against the checkpoint notes
 * published in AUDIT_CHECKPOINT_DIR.
 */
@Injectable()
export class AuditVerifierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: CheckpointSigner,
    private readonly config: ConfigService<Env, true>,
  ) {}

  verify(range: { fromSeq?: string; toSeq?: string } = {}): Promise<VerifyResult> {
    return verifyChain(this.dataSource, this.signer, range, {
      checkpointDir: this.config.get('AUDIT_CHECKPOINT_DIR', { infer: true }),
    });
  }
}

/** The walk itself, shared by the API and `npm run audit:verify` (which has no Nest app). */
export async function verifyChain(
  dataSource: DataSource,
  key: ChainKey,
  range: { fromSeq?: string; toSeq?: string } = {},
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const published = options.checkpointDir
    ? readPublishedCheckpoints(options.checkpointDir, trustedOf(key))
    : { checkpoints: [], problems: [] };
  if (published.problems.length > 0) {
    return { ok: false, checked: 0, reason: published.problems[0] };
  }
  const notes = [...published.checkpoints, ...(options.checkpoints ?? [])].sort(
    (a, b) => a.size - b.size,
  );
  const [bounds]: { min: string | null; max: string | null }[] = await dataSource.query(
    'SELECT min(seq) AS min, max(seq) AS max FROM audit_events',
  );
  const lastCheckpoint: { seq: string; reason: string }[] = await dataSource.query(
    'SELECT seq, reason FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
  );
  if (bounds.max === null) {
    // Empty: never used, or everything purged by retention (which checkpoints the end first).
    const orphan = lastCheckpoint[0]?.reason === 'retention' ? undefined : lastCheckpoint[0]?.seq;
    const lost = lastCheckpoint.length === 0 ? notes.find((note) => note.size > 0) : undefined;
    if (lost) {
      return {
        ok: false,
        checked: 0,
        firstBadSeq: '1',
        reason: `the log has 0 events but checkpoint ${lost.size} (${lost.source}) was published: events were deleted or rolled back`,
      };
    }
    return orphan === undefined
      ? { ok: true, checked: 0 }
      : {
          ok: false,
          checked: 0,
          firstBadSeq: orphan,
          reason: 'the chain is empty but checkpoints exist',
        };
  }
  const min = BigInt(bounds.min ?? '1');
  const max = BigInt(bounds.max);
  const from = range.fromSeq === undefined ? min : BigInt(range.fromSeq);
  const to = range.toSeq === undefined ? max : BigInt(range.toSeq);
  if (from > to) return { ok: true, checked: 0 };

  const start = await startOf(dataSource, key, from);
  // The tree is rebuilt from leaf 0, so only a walk from seq 1 can check roots (a range, or a
  // log whose prefix retention purged, would need the stored tree's edge at `from - 1`).
  const atHead = range.toSeq === undefined || to >= max;
  const tree =
    from === 1n
      ? new TreeChecker(atHead ? notes : notes.filter((note) => note.size <= Number(to)))
      : undefined;
  const walker = new ChainWalker(trustedOf(key), start, tree);
  // Without an upper bound, a checkpoint beyond the last event means the tail was cut off.
  const checkpointTo = range.toSeq === undefined ? null : to.toString();
  const checkpoints: ChainCheckpoint[] = await dataSource.query(
    `SELECT seq, hash, created_at AS "createdAt", key_id AS "keyId", signature
       FROM audit_checkpoints WHERE seq >= $1 AND ($2::bigint IS NULL OR seq <= $2)
      ORDER BY seq`,
    [from.toString(), checkpointTo],
  );
  for (const checkpoint of checkpoints) walker.addCheckpoint(checkpoint);

  const encoder = new EventTupleEncoder();
  const { body, release } = await openEventTupleStream(dataSource, from, to);
  let sinceProgress = 0;
  let walked = 0;
  try {
    // Chunks of whole tuples; breaking off destroys the COPY (and its connection).
    reading: for await (const chunk of body as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length;) {
        at = encoder.read(chunk, at);
        if (!walker.pushTuple(encoder)) break reading;
        if (options.onProgress && (sinceProgress += 1) === PROGRESS_EVERY) {
          walked += sinceProgress;
          sinceProgress = 0;
          options.onProgress(walked);
        }
      }
    }
  } finally {
    release();
  }
  return walker.finish(to, atHead);
}

/** Where the walk starts: genesis, the previous event, or a (retention) checkpoint. */
async function startOf(
  dataSource: DataSource,
  key: ChainKey,
  from: bigint,
): Promise<{ seq: bigint; prevHash: string }> {
  if (from <= 1n) return { seq: 1n, prevHash: GENESIS_HASH };
  const previous: { hash: string }[] = await dataSource.query(
    'SELECT hash FROM audit_events WHERE seq = $1',
    [(from - 1n).toString()],
  );
  if (previous[0]) return { seq: from, prevHash: previous[0].hash };
  // Below the oldest remaining event only a signed checkpoint can vouch for the link.
  const checkpoint: ChainCheckpoint[] = await dataSource.query(
    `SELECT seq, hash, created_at AS "createdAt", key_id AS "keyId", signature
       FROM audit_checkpoints WHERE seq = $1`,
    [(from - 1n).toString()],
  );
  const signer = trustedKeyList(trustedOf(key)).find((k) => k.keyId === checkpoint[0]?.keyId);
  const vouched =
    signer !== undefined &&
    verifyCheckpoint(signer.publicKey, checkpoint[0], checkpoint[0].signature);
  // Nothing vouches for the link into `from`: the walk then reports it broken there.
  return {
    seq: from,
    prevHash: vouched
      ? checkpoint[0].hash
      : 'missing: no event or signed checkpoint before this seq',
  };
}
