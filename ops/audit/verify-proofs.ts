import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import {
  checkConsistency,
  checkInclusion,
  consistencyProof,
  findEventForProof,
  inclusionProof,
  LeafNodeReader,
  leafHash,
  NoteError,
  openPublishedCheckpoint,
  ProofError,
  readLeafHashes,
  readPublishedCheckpoints,
  rootOfLeaves,
} from '../../api/src/audit-log';
import type { PublishedCheckpoint, TrustedKeys } from '../../api/src/audit-log';

/** Bad arguments or a file that cannot be read: exit 2. */
export class UsageError extends Error {}

/** What `--event` and `--since` print. */
export interface ProofReport {
  ok: boolean;
  reason?: string;
  [detail: string]: unknown;
}

/** A checkpoint file someone kept: the checkpoint, or the report of why it does not verify. */
export function readCheckpointFile(
  file: string,
  publicKey: TrustedKeys,
): PublishedCheckpoint | ProofReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return openPublishedCheckpoint(text, file, publicKey);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    return { ok: false, reason: `checkpoint ${file} does not verify: ${error.message}` };
  }
}

interface ProofInput {
  dataSource: DataSource;
  /** The trusted audit keys: the signing key's and retired ones (a rotation). */
  publicKey: TrustedKeys;
  checkpointDir: string;
  kept: PublishedCheckpoint | undefined;
  onProgress: (done: number) => void;
}

/** The checkpoint to prove against: the kept one, else the largest published. */
function target(input: ProofInput): PublishedCheckpoint | ProofReport | undefined {
  if (input.kept) return input.kept;
  const published = readPublishedCheckpoints(input.checkpointDir, input.publicKey);
  if (published.problems.length > 0) return { ok: false, reason: published.problems[0] };
  return published.checkpoints[published.checkpoints.length - 1];
}

/** Leaves of the first `size` events, or the report that the log no longer has them. */
async function leavesOf(
  input: ProofInput,
  size: number,
  checkpoint: PublishedCheckpoint | undefined,
): Promise<LeafNodeReader | ProofReport> {
  const [{ max }]: { max: string | null }[] = await input.dataSource.query(
    'SELECT max(seq)::text AS max FROM audit_events',
  );
  const head = Number(max ?? 0);
  if (head < size) {
    return {
      ok: false,
      reason: `the log has ${head} events but checkpoint ${size}${checkpoint ? ` (${checkpoint.source})` : ''} was published: events were deleted or rolled back`,
    };
  }
  try {
    return new LeafNodeReader(await readLeafHashes(input.dataSource, size, input.onProgress));
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** `--event ID`: the event's inclusion proof in the checkpoint, built from the events. */
export async function proveEvent(input: ProofInput & { eventId: string }): Promise<ProofReport> {
  const checkpoint = target(input);
  if (checkpoint === undefined) {
    throw new UsageError(
      `no checkpoint to prove against: ${input.checkpointDir} holds none and no --checkpoint was given`,
    );
  }
  if ('ok' in checkpoint) return checkpoint;
  const found = await findEventForProof(input.dataSource, input.eventId);
  if (!found) return { ok: false, reason: `event ${input.eventId} is not in the log` };
  const seq = Number(found.event.seq);
  const index = seq - 1;
  const base = {
    event: input.eventId,
    seq: String(seq),
    checkpoint: checkpoint.source,
    checkpointKeyId: checkpoint.keyId,
  };
  if (index >= checkpoint.size) {
    return {
      ok: false,
      ...base,
      reason: `event ${input.eventId} (seq ${seq}) is newer than checkpoint ${checkpoint.size}: not covered yet`,
    };
  }
  const reader = await leavesOf(input, checkpoint.size, checkpoint);
  if ('ok' in reader) return { ...base, ...reader };
  const leaf = leafHash(found.canonical);
  const proof = await inclusionProof(reader, index, checkpoint.size);
  const proofB64 = proof.map((hash) => hash.toString('base64'));
  const details = {
    ...base,
    leafIndex: index,
    treeSize: checkpoint.size,
    leafHash: leaf.toString('base64'),
    rootHash: checkpoint.root.toString('base64'),
    proof: proofB64,
  };
  try {
    checkInclusion(leaf, index, checkpoint.size, proof, checkpoint.root);
    return { ok: true, ...details };
  } catch (error) {
    if (!(error instanceof ProofError)) throw error;
    return {
      ok: false,
      ...details,
      reason: `event ${input.eventId} (seq ${seq}) is not in checkpoint ${checkpoint.size} (${checkpoint.source}) as the events stand: ${error.message}`,
    };
  }
}

/** `--since OLD`: the newer checkpoint (or the log now) extends OLD. */
export async function proveSince(input: ProofInput & { oldFile: string }): Promise<ProofReport> {
  const old = readCheckpointFile(input.oldFile, input.publicKey);
  if ('ok' in old) return old;
  const newer = target(input);
  if (newer && 'ok' in newer) return newer;
  const [{ max }]: { max: string | null }[] = await input.dataSource.query(
    'SELECT max(seq)::text AS max FROM audit_events',
  );
  const size = newer?.size ?? Number(max ?? 0);
  const against = newer ? `checkpoint ${newer.size} (${newer.source})` : `the log (${size} events)`;
  if (old.size > size) {
    return {
      ok: false,
      reason: `${against} is smaller than checkpoint ${old.size} (${old.source}): the log was rolled back or cut`,
    };
  }
  const reader = await leavesOf(input, size, newer);
  if ('ok' in reader) return reader;
  const eventsRoot = rootOfLeaves(Array.from({ length: size }, (_, i) => reader.leaf(i)));
  if (newer && !eventsRoot.equals(newer.root)) {
    return {
      ok: false,
      reason: `${against} names root ${newer.root.toString('base64')}, the events give ${eventsRoot.toString('base64')}: an event at or before seq ${newer.size} was altered`,
    };
  }
  const proof = await consistencyProof(reader, old.size, size);
  const details = {
    from: {
      size: old.size,
      root: old.root.toString('base64'),
      checkpoint: old.source,
      keyId: old.keyId,
    },
    to: {
      size,
      root: eventsRoot.toString('base64'),
      checkpoint: newer?.source ?? null,
      keyId: newer?.keyId ?? null,
    },
    proof: proof.map((hash) => hash.toString('base64')),
  };
  try {
    checkConsistency(old.size, size, proof, old.root, eventsRoot);
    return { ok: true, ...details };
  } catch (error) {
    if (!(error instanceof ProofError)) throw error;
    return {
      ok: false,
      ...details,
      reason: `${against} does not extend checkpoint ${old.size} (${old.source}): ${error.message}; the events up to seq ${old.size} were altered or replaced`,
    };
  }
}
