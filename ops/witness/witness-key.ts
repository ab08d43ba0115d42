import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The witness's Ed25519 key: from `pem` (WITNESS_KEY, `\n` escapes allowed) or from a PKCS#8
 * PEM file, generated there with mode 0600 on first run. A key file others can read is
 * refused: whoever holds it can co-sign anything in the witness's name.
 */
export function loadWitnessKey(pem: string | undefined, file: string): KeyObject {
  if (pem !== undefined && pem.trim() !== '') {
    return checkEd25519(createPrivateKey(pem.replace(/\\n/g, '\n')), 'WITNESS_KEY');
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const generated = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // 'wx': never overwrite a key another process just wrote.
    writeFileSync(file, generated, { mode: 0o600, flag: 'wx' });
    return privateKey;
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `witness key ${file} has mode ${mode.toString(8)}; run chmod 600 on it (only the witness may read it)`,
    );
  }
  return checkEd25519(createPrivateKey(text), file);
}

function checkEd25519(key: KeyObject, where: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where} is not an Ed25519 key`);
  return key;
}
