import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openEventRowStream } from './event-row-stream';
import { ChainCheckpoint, ChainWalker, VerifyResult } from './chain/chain-walker';
import { chainEventOf, EventRow } from './event-row';
import type { KeyObject } from 'node:crypto';
import { CheckpointSigner, verifyCheckpoint } from './chain/checkpoint-signer';
import { GENESIS_HASH } from './chain/event-hash';

/** The public half of the signing key, as verification needs it. */
export interface ChainKey {
  publicKey: KeyObject;
  keyId: string;
}

/** Verifies the sealed chain (or a seq range of it) in the database against its checkpoints. */
@Injectable()
export class AuditVerifierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: CheckpointSigner,
  ) {}

  verify(range: { fromSeq?: string; toSeq?: string } = {}): Promise<VerifyResult> {
    return verifyChain(this.dataSource, this.signer, range);
  }
}

/** The walk itself, shared by the API and `npm run audit:verify` (which has no Nest app). */
export async function verifyChain(
  dataSource: DataSource,
  key: ChainKey,
  range: { fromSeq?: string; toSeq?: string } = {},
): Promise<VerifyResult> {
  const [bounds]: { min: string | null; max: string | null }[] = await dataSource.query(
    'SELECT min(seq) AS min, max(seq) AS max FROM audit_events',
  );
  const lastCheckpoint: { seq: string; reason: string }[] = await dataSource.query(
    'SELECT seq, reason FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
  );
  if (bounds.max === null) {
    // Empty: never used, or everything purged by retention (which checkpoints the end first).
    const orphan = lastCheckpoint[0]?.reason === 'retention' ? undefined : lastCheckpoint[0]?.seq;
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
  const walker = new ChainWalker(key.publicKey, key.keyId, start);
  // Without an upper bound, a checkpoint beyond the last event means the tail was cut off.
  const checkpointTo = range.toSeq === undefined ? null : to.toString();
  const checkpoints: ChainCheckpoint[] = await dataSource.query(
    `SELECT seq, hash, created_at AS "createdAt", key_id AS "keyId", signature
       FROM audit_checkpoints WHERE seq >= $1 AND ($2::bigint IS NULL OR seq <= $2)
      ORDER BY seq`,
    [from.toString(), checkpointTo],
  );
  for (const checkpoint of checkpoints) walker.addCheckpoint(checkpoint);

  const stream = await openEventRowStream(
    dataSource,
    ['seq >= $1', 'seq <= $2'],
    [from.toString(), to.toString()],
  );
  try {
    for await (const row of stream.rows as AsyncIterable<EventRow>) {
      if (!walker.push(chainEventOf(row))) break;
    }
  } finally {
    stream.release();
  }
  return walker.finish(to);
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
  const vouched =
    checkpoint[0] !== undefined &&
    checkpoint[0].keyId === key.keyId &&
    verifyCheckpoint(key.publicKey, checkpoint[0], checkpoint[0].signature);
  // Nothing vouches for the link into `from`: the walk then reports it broken there.
  return {
    seq: from,
    prevHash: vouched
      ? checkpoint[0].hash
      : 'missing: no event or signed checkpoint before this seq',
  };
}
