/**
 * The one buffer an event's chain hash and Merkle leaf hash are both read from (the sealer and
 * verify each fill one): prevHash as 64 ASCII bytes at 0, the canonical JSON's UTF-8 from
 * CANONICAL_AT. The chain hash covers [0, end).
 */
export const CANONICAL_AT = 64;

/** The leaf's input, 0x00 ‖ canonical: the same bytes from CANONICAL_AT - 1, that byte set to 0x00. */
export function leafInput(buffer: Buffer, end: number): Buffer {
  buffer[CANONICAL_AT - 1] = 0;
  return buffer.subarray(CANONICAL_AT - 1, end);
}
