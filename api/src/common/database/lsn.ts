/**
 * A Postgres WAL position (`pg_lsn`, written `16/B374D848`: the high and low 32 bits in hex)
 * as a number that orders as the WAL does.
 */
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** Parses `pg_lsn` text; `null` for SQL NULL (a server that is not replaying, say). */
export function parseLsn(text: string | null | undefined): Lsn | null {
  if (text === null || text === undefined) return null;
  const match = LSN_TEXT.exec(text.trim());
  if (!match) throw new Error(`Not a pg_lsn: ${JSON.stringify(text)}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** The `pg_lsn` text of a position, as Postgres writes it. */
export function formatLsn(lsn: Lsn): string {
  const high = (lsn >> 32n).toString(16).toUpperCase();
  const low = (lsn & 0xffffffffn).toString(16).toUpperCase();
  return `${high}/${low}`;
}

/**
 * Sixteen hex digits, zero-padded: strings that compare as the positions do, so a Redis
 * script can keep the larger of two without parsing them.
 */
export function sortableLsn(lsn: Lsn): string {
  return lsn.toString(16).padStart(16, '0');
}

/** The position back from `sortableLsn`; `null` for anything else (a missing key). */
export function parseSortableLsn(text: string | null | undefined): Lsn | null {
  return typeof text === 'string' && /^[0-9a-f]{16}$/.test(text) ? BigInt(`0x${text}`) : null;
}
