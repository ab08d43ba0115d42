import { toBase64 } from '../../components/transparency/merkle-proof';
import type { AuditCheckpoint } from '../../components/transparency/transparency-api';
import {
  checkpointFileName,
  cosignatureRows,
  cosignedNote,
  mergeCheckpoints,
  vkeyId,
} from './checkpoint-view';

const checkpoint = (treeSize: number, cosignatures: string[] = []): AuditCheckpoint => ({
  origin: 'tasktrackr.test/audit',
  treeSize,
  rootHash: 'AAAA',
  note: `tasktrackr.test/audit\n${treeSize}\nAAAA\n\n— tasktrackr.test/audit AAAAAAAA\n`,
  vkey: 'tasktrackr.test/audit+cb9a4a65+AQ0kNW8yuE0mqqWxVbJYBsP6Pd2VwrQWAHLbqEoYm6uD',
  createdAt: '2026-11-30T03:00:00.000Z',
  cosignatures,
});

describe('checkpoint view helpers', () => {
  it('names the file like the published one, and the key by name and id', () => {
    expect(checkpointFileName(1069)).toBe('00000000000000001069.checkpoint');
    expect(vkeyId(checkpoint(1).vkey)).toBe('tasktrackr.test/audit+cb9a4a65');
  });

  it('lists each witness line with its name, key id and time, unreadable ones too', () => {
    const blob = new Uint8Array(76);
    blob.set([1, 2, 3, 4]);
    new DataView(blob.buffer).setBigUint64(4, 1_764_468_000n);
    const line = `— witness.test/w1 ${toBase64(blob)}\n`;
    const rows = cosignatureRows(checkpoint(5, [line, '— broken\n']));
    expect(rows[0]).toEqual({
      witness: 'witness.test/w1',
      keyId: '01020304',
      time: new Date(1_764_468_000_000),
      line,
    });
    expect(rows[1].witness).toBe('unreadable line');
    expect(cosignedNote(checkpoint(5, [line]))).toBe(checkpoint(5).note + line);
  });

  it('merges pages newest first without duplicates', () => {
    const merged = mergeCheckpoints([checkpoint(9), checkpoint(7)], [checkpoint(7), checkpoint(3)]);
    expect(merged.map((c) => c.treeSize)).toEqual([9, 7, 3]);
  });
});
