import type { Schema } from '@tasktrackr/sdk';
import { canonicalEvent, chainHash } from './canonical-event';
import {
  checkInclusion,
  decodeHashes,
  fromBase64,
  equalBytes,
  leafHash,
  toBase64,
} from './merkle-proof';
import { eventCount } from './consistency-check';
import { type CheckRun, CheckFailed, runSteps } from './proof-steps';
import { type CheckpointBody, openCheckpoint } from './signed-note';
import type { TransparencyApi } from './transparency-api';

type AuditEvent = Schema<'AuditEvent'>;

/**
 * Proves IN THE BROWSER that an event is in the latest signed checkpoint: the note's Ed25519
 * signature, the event's canonical JSON recomputed from the fields shown (its chain hash must
 * be the stored one, its leaf hash the proof's), and the audit path walked with Web Crypto to
 * the signed root.
 */
export async function proveEventInclusion(
  api: Pick<TransparencyApi, 'latestCheckpoint' | 'inclusionProof'>,
  event: AuditEvent,
  report: (run: CheckRun) => void,
): Promise<CheckRun> {
  let tree: CheckpointBody | undefined;
  let canonical = '';
  let leaf: Uint8Array = new Uint8Array();
  let hashes: Uint8Array[] = [];
  const index = Number(event.seq) - 1;
  return runSteps(
    [
      {
        label: 'Latest checkpoint: signature by the log key',
        run: async () => {
          const latest = await api.latestCheckpoint();
          if (!latest) throw new Error('no signed checkpoint yet; try again in a few seconds');
          tree = await openCheckpoint(latest.note, latest.vkey);
          if (index >= tree.size) {
            throw new Error(
              `event #${event.seq} is newer than the latest checkpoint (${eventCount(tree.size)}); try again in a few seconds`,
            );
          }
          return `tree of ${eventCount(tree.size)}, Ed25519 by ${latest.vkey.split('+').slice(0, 2).join('+')}`;
        },
      },
      {
        label: "Event's chain hash recomputed from the fields shown",
        run: async () => {
          canonical = canonicalEvent(event);
          const hash = await chainHash(event.prevHash, canonical);
          if (hash !== event.hash) {
            throw new CheckFailed(`the fields shown hash to ${hash}, not the stored ${event.hash}`);
          }
          return 'SHA-256(prevHash ‖ canonical JSON) equals the stored hash';
        },
      },
      {
        label: 'Inclusion proof fetched; leaf hash recomputed',
        run: async () => {
          const size = (tree as CheckpointBody).size;
          const proof = await api.inclusionProof(event.id, size);
          if (proof.leafIndex !== index || proof.treeSize !== size) {
            throw new CheckFailed(
              `the server sent a proof for leaf ${proof.leafIndex} of ${proof.treeSize}, not ${index} of ${size}`,
            );
          }
          leaf = await leafHash(new TextEncoder().encode(canonical));
          if (!equalBytes(leaf, fromBase64(proof.leafHash, 'leaf hash'))) {
            throw new CheckFailed(`the server's leaf hash is not SHA-256(0x00 ‖ canonical event)`);
          }
          hashes = decodeHashes(proof.hashes, 'inclusion proof');
          return `leaf ${index} = ${toBase64(leaf)}; ${hashes.length} path hashes`;
        },
      },
      {
        label: 'Audit path leads to the signed root (RFC 9162 §2.1.3.2, SHA-256 here)',
        run: async (progress) => {
          const signed = tree as CheckpointBody;
          await checkInclusion(leaf, index, signed.size, hashes, signed.root, (done, total) =>
            progress(done / total),
          );
          return `root ${toBase64(signed.root)}`;
        },
      },
    ],
    () =>
      `Included: event #${event.seq} is leaf ${index} of the signed checkpoint of ${eventCount(tree?.size ?? 0)}. ` +
      'Signature, event hash, leaf hash and audit path were checked in this browser.',
    report,
  );
}
