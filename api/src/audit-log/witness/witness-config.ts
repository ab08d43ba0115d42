import { parseVkey, SIG_TYPE_COSIGNATURE_V1 } from '../merkle';
import type { WitnessTarget } from './witness-client';

/**
 * AUDIT_WITNESS_URL and AUDIT_WITNESS_VKEY, paired by position. Throws (the process does not
 * start) when the lists differ in length or a vkey is not a cosignature/v1 (0x04) key.
 */
export function witnessTargets(urls: readonly string[], vkeys: readonly string[]): WitnessTarget[] {
  if (urls.length !== vkeys.length) {
    throw new Error(
      `AUDIT_WITNESS_URL lists ${urls.length} witness(es) but AUDIT_WITNESS_VKEY ${vkeys.length}: ` +
        'give one vkey per URL, in the same order',
    );
  }
  return urls.map((url, i) => {
    const key = parseVkey(vkeys[i]);
    if (key.type !== SIG_TYPE_COSIGNATURE_V1) {
      throw new Error(
        `AUDIT_WITNESS_VKEY entry ${i + 1} is not a cosignature/v1 key (type 0x04); ` +
          'use the "witness vkey" line the witness prints',
      );
    }
    return { url, key };
  });
}
