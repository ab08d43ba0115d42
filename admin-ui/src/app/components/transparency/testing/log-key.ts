import { toBase64, toHex } from '../merkle-proof';

/** Test-only (excluded from the app build). */

const utf8 = new TextEncoder();
export const ORIGIN = 'tasktrackr.test/audit';

/** A log key and its vkey, computed here straight from the C2SP text. */
export async function logKey() {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const idInput = new Uint8Array([...utf8.encode(ORIGIN), 0x0a, 0x01, ...raw]);
  const id = new Uint8Array(await crypto.subtle.digest('SHA-256', idInput)).subarray(0, 4);
  const vkey = `${ORIGIN}+${toHex(id)}+${toBase64(new Uint8Array([0x01, ...raw]))}`;
  const sign = async (body: string) => {
    const signature = new Uint8Array(
      await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, utf8.encode(body)),
    );
    return `${body}\n— ${ORIGIN} ${toBase64(new Uint8Array([...id, ...signature]))}\n`;
  };
  return { vkey, sign };
}
