import { describeCosignature } from '../../components/transparency/signed-note';
import type { AuditCheckpoint } from '../../components/transparency/transparency-api';

/** The file name the log publishes the note under: `<size, 20 digits>.checkpoint`. */
export function checkpointFileName(treeSize: number): string {
  return `${String(treeSize).padStart(20, '0')}.checkpoint`;
}

/** `<name>+<key id>` of a vkey: what identifies the key (its base64 material is long). */
export function vkeyId(vkey: string): string {
  return vkey.split('+').slice(0, 2).join('+');
}

export interface CosignatureRow {
  witness: string;
  keyId: string;
  /** The witness's signing time, as it states it; null if the line cannot be read. */
  time: Date | null;
  line: string;
}

/** One row per witness cosignature line, readable or not (never dropped silently). */
export function cosignatureRows(checkpoint: AuditCheckpoint): CosignatureRow[] {
  return checkpoint.cosignatures.map((line) => {
    try {
      const info = describeCosignature(line);
      return { witness: info.name, keyId: info.keyId, time: info.time, line };
    } catch {
      return { witness: 'unreadable line', keyId: '', time: null, line };
    }
  });
}

/** The note with every witness line appended: what a C2SP verifier checks with their vkeys. */
export function cosignedNote(checkpoint: AuditCheckpoint): string {
  return checkpoint.note + checkpoint.cosignatures.join('');
}

/** Newest first, no duplicates (a page may repeat the latest). */
export function mergeCheckpoints(
  current: readonly AuditCheckpoint[],
  more: readonly AuditCheckpoint[],
): AuditCheckpoint[] {
  const bySize = new Map<number, AuditCheckpoint>();
  for (const checkpoint of [...current, ...more]) bySize.set(checkpoint.treeSize, checkpoint);
  return [...bySize.values()].sort((a, b) => b.treeSize - a.treeSize);
}
