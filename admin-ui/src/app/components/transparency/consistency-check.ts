import { checkConsistency, decodeHashes, toBase64 } from './merkle-proof';
import { type CheckRun, CheckFailed, runSteps } from './proof-steps';
import { type CheckpointBody, openCheckpoint, sameRoot } from './signed-note';
import type { AuditCheckpoint, TransparencyApi } from './transparency-api';

const count = new Intl.NumberFormat('en');

/** "1 event", "1,069 events". */
export function eventCount(n: number): string {
  return `${count.format(n)} ${n === 1 ? 'event' : 'events'}`;
}

/** Opens a checkpoint's note with its vkey and checks the JSON fields say the same. */
async function signedCheckpoint(checkpoint: AuditCheckpoint): Promise<CheckpointBody> {
  const body = await openCheckpoint(checkpoint.note, checkpoint.vkey);
  if (body.size !== checkpoint.treeSize || !sameRoot(body.root, checkpoint.rootHash)) {
    throw new CheckFailed(`the note of checkpoint ${checkpoint.treeSize} signs another tree`);
  }
  return body;
}

/**
 * Checks IN THE BROWSER that the newer checkpoint's tree extends the older one's: both notes'
 * Ed25519 signatures by the log key, then the server's RFC 9162 consistency proof recomputed
 * with Web Crypto against the two SIGNED roots (the server's own root fields are only compared).
 */
export async function checkCheckpointConsistency(
  api: Pick<TransparencyApi, 'consistencyProof'>,
  older: AuditCheckpoint,
  newer: AuditCheckpoint,
  report: (run: CheckRun) => void,
): Promise<CheckRun> {
  if (older.treeSize > newer.treeSize) [older, newer] = [newer, older];
  let oldTree: CheckpointBody | undefined;
  let newTree: CheckpointBody | undefined;
  let hashes: Uint8Array[] = [];
  const m = older.treeSize;
  const n = newer.treeSize;
  return runSteps(
    [
      {
        label: `Signature of checkpoint ${m} by the log key`,
        run: async () => {
          oldTree = await signedCheckpoint(older);
          return `Ed25519 by ${older.vkey.split('+').slice(0, 2).join('+')}; root ${toBase64(oldTree.root)}`;
        },
      },
      {
        label: `Signature of checkpoint ${n} by the log key`,
        run: async () => {
          newTree = await signedCheckpoint(newer);
          return `Ed25519 by ${newer.vkey.split('+').slice(0, 2).join('+')}; root ${toBase64(newTree.root)}`;
        },
      },
      {
        label: `Consistency proof from ${m} to ${n} fetched`,
        run: async () => {
          const proof = await api.consistencyProof(m, n);
          if (proof.from !== m || proof.to !== n) {
            throw new CheckFailed(`the server sent a proof from ${proof.from} to ${proof.to}`);
          }
          hashes = decodeHashes(proof.hashes, 'consistency proof');
          const signed = (oldTree as CheckpointBody).root;
          if (
            !sameRoot(signed, proof.fromRoot) ||
            !sameRoot((newTree as CheckpointBody).root, proof.toRoot)
          ) {
            throw new CheckFailed('the server names other roots than the signed checkpoints');
          }
          return `${hashes.length} ${hashes.length === 1 ? 'hash' : 'hashes'}`;
        },
      },
      {
        label: 'Both signed roots recomputed from the proof (RFC 9162 §2.1.4.2, SHA-256 here)',
        run: async (progress) => {
          await checkConsistency(
            m,
            n,
            hashes,
            (oldTree as CheckpointBody).root,
            (newTree as CheckpointBody).root,
            (done, total) => progress(done / total),
          );
          return 'old and new root match';
        },
      },
    ],
    `Consistent: the tree of ${eventCount(n)} extends the tree of ${eventCount(m)}. ` +
      'Both signatures and the proof were checked in this browser.',
    report,
  );
}
