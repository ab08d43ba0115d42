import { generateKeyPairSync } from 'node:crypto';
import {
  addSignatures,
  checkCosignature,
  checkNoteSignature,
  cosign,
  formatNote,
  keyHash,
  NoteError,
  openCheckpoint,
  parseCheckpointBody,
  parseNote,
  parseVkey,
  privateKeyFromSeed,
  publicKeyFromRaw,
  rawPublicKey,
  SIG_TYPE_COSIGNATURE_V1,
  signBody,
  signCheckpoint,
  verifyCosignature,
  verifyNoteSignature,
  vkey,
} from './checkpoint-note';
import { leafHash } from './tree-hash';

// The key and note of the Go reference (golang.org/x/mod/sumdb/note, note_test.go).
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE =
  `${GO_TEXT}\n` +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

const ORIGIN = 'tasktrackr.test/audit';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const logKey = { name: ORIGIN, publicKey };
const checkpoint = { origin: ORIGIN, size: 1069, root: leafHash('x'), extensions: [] };

describe('signed notes against the Go reference vector', () => {
  it('computes the key id and vkey, and signs byte for byte like the reference', () => {
    const key = privateKeyFromSeed(GO_SEED);
    expect(keyHash('PeterNeumann', key).toString('hex')).toBe('c74f20a3');
    expect(vkey('PeterNeumann', key)).toBe(GO_VKEY);
    // Ed25519 is deterministic: the same key and text give the reference signature.
    expect(
      formatNote({ body: GO_TEXT, signatures: [signBody(GO_TEXT, 'PeterNeumann', key)] }),
    ).toBe(GO_NOTE);
  });

  it('verifies the reference note with the parsed vkey, and rejects an altered one', () => {
    const verifier = parseVkey(GO_VKEY);
    expect(verifyNoteSignature(parseNote(GO_NOTE), verifier)).toBe(true);
    const altered = GO_NOTE.replace('cryptography', 'cryptographY');
    expect(() => checkNoteSignature(parseNote(altered), verifier)).toThrow('does not verify');
  });

  it('rejects malformed vkeys', () => {
    expect(() =>
      parseVkey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    ).toThrow('does not match');
    expect(() => parseVkey('PeterNeumann+c74f20a3')).toThrow(NoteError);
    expect(() =>
      parseVkey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    ).toThrow('key name');
    expect(() =>
      parseVkey('PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    ).toThrow(NoteError);
  });
});

describe('checkpoint notes', () => {
  it('round-trips: sign, parse, verify', () => {
    const text = signCheckpoint(checkpoint, privateKey);
    expect(
      text.startsWith(`${ORIGIN}\n1069\n${checkpoint.root.toString('base64')}\n\n— ${ORIGIN} `),
    ).toBe(true);
    const opened = openCheckpoint(text, logKey);
    expect(opened.size).toBe(1069);
    expect(opened.root.equals(checkpoint.root)).toBe(true);
    expect(
      rawPublicKey(publicKeyFromRaw(rawPublicKey(publicKey))).equals(rawPublicKey(publicKey)),
    ).toBe(true);
  });

  it('rejects a tampered body, a wrong key and a wrong origin, saying what is wrong', () => {
    const text = signCheckpoint(checkpoint, privateKey);
    expect(() => openCheckpoint(text.replace('\n1069\n', '\n1070\n'), logKey)).toThrow(
      'does not verify',
    );
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(() => openCheckpoint(text, { name: ORIGIN, publicKey: other })).toThrow(
      'no signature by',
    );
    expect(() => openCheckpoint(text, { name: 'elsewhere/audit', publicKey })).toThrow(
      'is not the log',
    );
  });

  it('parses strictly', () => {
    const root = checkpoint.root.toString('base64');
    expect(() => parseCheckpointBody(`${ORIGIN}\n01\n${root}\n`)).toThrow('not a decimal');
    expect(() => parseCheckpointBody(`${ORIGIN}\n1\n${root}`)).toThrow('newline');
    expect(() => parseCheckpointBody(`${ORIGIN}\n1\n`)).toThrow('needs origin');
    expect(() => parseCheckpointBody(`${ORIGIN}\n1\nAAAA\n`)).toThrow('3 bytes');
    expect(() => parseCheckpointBody(`\n1\n${root}\n`)).toThrow('origin line is empty');
    expect(parseCheckpointBody(`${ORIGIN}\n1\n${root}\next one\n`).extensions).toEqual(['ext one']);
    expect(() => parseNote(`${ORIGIN}\n1\n${root}\n`)).toThrow('no blank line');
    expect(() => parseNote(`${ORIGIN}\n1\n${root}\n\n- ${ORIGIN} AAAAAAAA\n`)).toThrow(
      'signature line 1',
    );
    expect(() => parseNote(`${ORIGIN}\n1\n${root}\n\n— ${ORIGIN} AAAA\n`)).toThrow('too short');
    expect(() => parseNote(`a\tb\n\n— k AAAAAAAA\n`)).toThrow('control character');
  });
});

describe('cosignatures (tlog-cosignature v1)', () => {
  const witness = generateKeyPairSync('ed25519');
  const witnessKey = { name: 'witness.test/w1', publicKey: witness.publicKey };

  it('cosigns, appends and verifies with the signed time', () => {
    const text = signCheckpoint(checkpoint, privateKey);
    const body = parseNote(text).body;
    const signature = cosign(body, witnessKey.name, witness.privateKey, 1_700_000_000);
    expect(
      signature.keyHash.equals(
        keyHash(witnessKey.name, witness.publicKey, SIG_TYPE_COSIGNATURE_V1),
      ),
    ).toBe(true);
    expect(signature.signature.length).toBe(72);
    const cosigned = addSignatures(text, [signature]);
    const note = parseNote(cosigned);
    expect(checkCosignature(note, witnessKey)).toBe(1_700_000_000);
    expect(verifyNoteSignature(note, logKey)).toBe(true);
    // The cosignature key id differs from an ordinary signature by the same key.
    expect(verifyNoteSignature(note, witnessKey)).toBe(false);
    expect(parseVkey(vkey(witnessKey.name, witness.publicKey, SIG_TYPE_COSIGNATURE_V1)).type).toBe(
      0x04,
    );
  });

  it('rejects a cosignature over another body or with a changed time', () => {
    const text = signCheckpoint(checkpoint, privateKey);
    const other = parseNote(signCheckpoint({ ...checkpoint, size: 1070 }, privateKey)).body;
    const wrongBody = addSignatures(text, [cosign(other, witnessKey.name, witness.privateKey, 5)]);
    expect(verifyCosignature(parseNote(wrongBody), witnessKey)).toBe(false);
    const good = cosign(parseNote(text).body, witnessKey.name, witness.privateKey, 5);
    const retimed = { ...good, signature: Buffer.from(good.signature) };
    retimed.signature.writeBigUInt64BE(6n, 0);
    expect(() => checkCosignature(parseNote(addSignatures(text, [retimed])), witnessKey)).toThrow(
      'does not verify',
    );
  });
});
