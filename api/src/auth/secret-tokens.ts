import { createHash, randomBytes } from 'node:crypto';

/** Prefix of personal API tokens, so they are recognisable (and findable by secret scanners). */
export const API_TOKEN_PREFIX = 'tt_';

/** 256 bits of randomness, URL-safe. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 is enough for high-entropy random values (no dictionary to guess from); it lets us
 * look a token up by its hash with an index. Passwords use argon2id instead.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newApiTokenValue(): string {
  return `${API_TOKEN_PREFIX}${randomSecret()}`;
}
