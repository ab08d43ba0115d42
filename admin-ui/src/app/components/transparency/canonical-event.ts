import type { Schema } from '@tasktrackr/sdk';
import { sha256, toHex } from './merkle-proof';

type AuditEvent = Schema<'AuditEvent'>;

/**
 * RFC 8785 (JCS) for the values an audit event holds: keys sorted by UTF-16 code units,
 * no whitespace, strings and numbers as JSON.stringify writes them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold NaN');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/**
 * The exact text the chain hash and the Merkle leaf cover (docs/audit-log.md, "Event format
 * and hash"). `seq` is written with its decimal digits as a JSON number, so a seq beyond
 * 2^53 stays exact.
 */
export function canonicalEvent(event: AuditEvent): string {
  if (!/^[1-9][0-9]*$/.test(event.seq)) throw new TypeError(`seq ${event.seq} is not a number`);
  const str = (value: string | null | undefined): string =>
    value === null || value === undefined ? 'null' : JSON.stringify(value);
  // Spelled out in key order (like the server's canonicalEvent) so seq keeps its digits.
  return (
    `{"action":${str(event.action)}` +
    `,"actor":{"display":${str(event.actor.display)},"id":${str(event.actor.id)},"type":${str(event.actor.type)}}` +
    `,"changes":${canonicalJson(event.changes ?? null)}` +
    `,"id":${str(event.id)}` +
    `,"ip":${str(event.ip)}` +
    `,"occurredAt":${str(event.occurredAt)}` +
    `,"outcome":${str(event.outcome)}` +
    `,"requestId":${str(event.requestId)}` +
    `,"seq":${event.seq}` +
    `,"target":{"id":${str(event.target.id)},"type":${str(event.target.type)}}` +
    // A member only when set: events recorded outside a trace hash as they did before it.
    (event.traceId ? `,"traceId":${str(event.traceId)}` : '') +
    `,"userAgent":${str(event.userAgent)}}`
  );
}

/** hex(SHA-256(UTF-8(prevHash ‖ canonical))): the event's link in the hash chain. */
export async function chainHash(prevHash: string, canonical: string): Promise<string> {
  return toHex(await sha256(new TextEncoder().encode(prevHash + canonical)));
}
