import type { JsonValue } from './schema-arbitrary';

const UNRESERVED = /[A-Za-z0-9\-._~]/;

function percentBytes(bytes: number[]): string {
  return bytes.map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * Like `encodeURIComponent`, but total: a lone surrogate (which `encodeURIComponent` refuses)
 * is encoded as its generalized UTF-8 bytes (`%ED%A0%80` for U+D800), which is what a hostile
 * client sends to get one past a URL decoder.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    const next = value.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(index, index + 2));
      index++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += percentBytes([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]);
    } else {
      const char = value[index] ?? '';
      out += UNRESERVED.test(char) ? char : encodeURIComponent(char);
    }
  }
  return out;
}

/** A query value as text: arrays repeat the parameter (the spec's `form`/`explode` style). */
export function queryTexts(value: JsonValue): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => queryTexts(item));
  if (value === null) return [''];
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

/** `name=value&…`, each part percent-encoded. */
export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}
