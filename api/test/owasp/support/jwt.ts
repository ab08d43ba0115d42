import { createHmac, KeyObject, sign } from 'node:crypto';

/**
 * Hand-made JWS compact tokens, so a test can forge exactly the token it means (any header,
 * any claims, any algorithm) without a JWT library deciding what is allowed.
 */
export type Json = Record<string, unknown>;

export const b64url = (value: Json | string): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function decodeJwtPart(token: string, index: 0 | 1): Json {
  return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString()) as Json;
}

/** RS256 (or RS512 with `hash: 'sha512'`) over `header.payload`, with an RSA private key. */
export function signRsa(header: Json, payload: Json, key: KeyObject, hash = 'sha256'): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign(hash, Buffer.from(input), key).toString('base64url')}`;
}

/** HS256 with `secret` (e.g. the server's public key PEM: the classic key-confusion attack). */
export function signHs256(header: Json, payload: Json, secret: string): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The token with one character of its signature changed (a middle one: every bit counts). */
export function tamperSignature(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const at = Math.floor(signature.length / 2);
  const swapped = signature[at] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, at)}${swapped}${signature.slice(at + 1)}`;
}
