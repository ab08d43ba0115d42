import { ProofError, toBase64 } from './merkle-proof';
import {
  describeCosignature,
  openCheckpoint,
  parseCheckpointBody,
  parseNote,
  parseVkey,
  verifyEd25519,
} from './signed-note';
import { logKey, ORIGIN } from './testing/log-key';

const utf8 = new TextEncoder();

// The key and note of the Go reference (golang.org/x/mod/sumdb/note, note_test.go).
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE =
  `${GO_TEXT}\n` +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('signed notes and checkpoints in the browser', () => {
  it('verifies the Go reference note with its vkey, and not an altered one', async () => {
    const vkey = await parseVkey(GO_VKEY);
    expect(vkey.keyId).toBe('c74f20a3');
    const note = parseNote(GO_NOTE);
    expect(note.body).toBe(GO_TEXT);
    expect(note.signatures[0].keyId).toBe('c74f20a3');
    const message = utf8.encode(note.body);
    await expect(
      verifyEd25519(vkey.publicKey, note.signatures[0].signature, message),
    ).resolves.toBe(true);
    const altered = utf8.encode(GO_TEXT.replace('cryptography', 'cryptographY'));
    await expect(
      verifyEd25519(vkey.publicKey, note.signatures[0].signature, altered),
    ).resolves.toBe(false);
  });

  it('refuses a vkey whose key id does not match its key', async () => {
    await expect(
      parseVkey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    ).rejects.toThrow('does not match');
    await expect(parseVkey('PeterNeumann+c74f20a3')).rejects.toThrow(ProofError);
  });

  it('opens a checkpoint signed by the log key, and names what is wrong otherwise', async () => {
    const { vkey, sign } = await logKey();
    const root = toBase64(new Uint8Array(32).fill(7));
    const note = await sign(`${ORIGIN}\n1069\n${root}\n`);
    const checkpoint = await openCheckpoint(note, vkey);
    expect(checkpoint.size).toBe(1069);
    expect(toBase64(checkpoint.root)).toBe(root);

    await expect(openCheckpoint(note.replace('\n1069\n', '\n1070\n'), vkey)).rejects.toThrow(
      'does not verify',
    );
    const other = await logKey();
    await expect(openCheckpoint(note, other.vkey)).rejects.toThrow('no signature by');
    await expect(openCheckpoint(note.replace(/\n\n.*$/su, '\n'), vkey)).rejects.toThrow(
      'no blank line',
    );
    expect(() => parseCheckpointBody(`${ORIGIN}\n01\n${root}\n`)).toThrow('not a decimal');
    expect(() => parseCheckpointBody(`${ORIGIN}\n1\nAAAA\n`)).toThrow('3 bytes');
  });

  it('reads a cosignature line: witness name, key id and time', () => {
    const blob = new Uint8Array(4 + 8 + 64);
    blob.set([0xde, 0xad, 0xbe, 0xef]);
    new DataView(blob.buffer).setBigUint64(4, 1_764_468_000n);
    const info = describeCosignature(`— witness.example/w1 ${toBase64(blob)}\n`);
    expect(info).toEqual({
      name: 'witness.example/w1',
      keyId: 'deadbeef',
      time: new Date(1_764_468_000_000),
    });
    expect(describeCosignature(`— other ${toBase64(blob.subarray(0, 68))}`).time).toBeNull();
    expect(() => describeCosignature('— broken')).toThrow(ProofError);
  });
});
