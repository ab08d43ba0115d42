import { generateKeyPairSync } from 'node:crypto';
import { checkpointBody, parseNote, signCheckpoint } from '../merkle';
import { keyIdOf, noteSignerOf, parsePublicKeys } from './trusted-keys';

const a = generateKeyPairSync('ed25519');
const b = generateKeyPairSync('ed25519');
const spkiPem = (key: typeof a.publicKey) => key.export({ type: 'spki', format: 'pem' }).toString();
const spkiBase64 = (key: typeof a.publicKey) =>
  key.export({ type: 'spki', format: 'der' }).toString('base64');

describe('AUDIT_PREVIOUS_PUBLIC_KEYS parsing', () => {
  it('reads PEM blocks one after another, with real or \\n-escaped newlines', () => {
    const text = `${spkiPem(a.publicKey)}${spkiPem(b.publicKey)}`;
    const ids = [keyIdOf(a.publicKey), keyIdOf(b.publicKey)];
    expect(parsePublicKeys(text).map(keyIdOf)).toEqual(ids);
    expect(parsePublicKeys(text.replace(/\n/g, '\\n')).map(keyIdOf)).toEqual(ids);
  });

  it('reads comma-separated base64 SPKI keys, and nothing from an empty value', () => {
    const text = ` ${spkiBase64(a.publicKey)} , ${spkiBase64(b.publicKey)},`;
    expect(parsePublicKeys(text).map(keyIdOf)).toEqual([
      keyIdOf(a.publicKey),
      keyIdOf(b.publicKey),
    ]);
    expect(parsePublicKeys('  ')).toEqual([]);
  });

  it('refuses private keys and keys that are not Ed25519', () => {
    const privatePem = a.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parsePublicKeys(privatePem)).toThrow(/public keys only/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(() => parsePublicKeys(spkiPem(rsa))).toThrow(/Ed25519/);
  });
});

describe('noteSignerOf', () => {
  const checkpoint = { origin: 'test/log', size: 1, root: Buffer.alloc(32, 7), extensions: [] };

  it('names the trusted key whose signature verifies, and refuses an unknown one by its key hash', () => {
    const note = parseNote(signCheckpoint(checkpoint, a.privateKey));
    expect(noteSignerOf(note, 'test/log', [b.publicKey, a.publicKey]).keyId).toBe(
      keyIdOf(a.publicKey),
    );
    expect(() => noteSignerOf(note, 'test/log', [b.publicKey])).toThrow(
      /note is signed by unknown key test\/log\+[0-9a-f]{8} \(trusted: test\/log\+[0-9a-f]{8}\)/,
    );
    expect(checkpointBody(checkpoint)).toBe(note.body);
  });
});
