import { createHash } from 'node:crypto';
import type { AuditChanges } from '../audit-event.input';
import { canonicalJson } from './canonical-json';

/** prevHash of seq 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a sealed event that the hash covers (everything but `prevHash` and `hash`). */
export interface HashedEventFields {
  id: string;
  seq: string;
  /** A Date, or already its ISO-8601 UTC form with milliseconds (`toISOString()`). */
  occurredAt: Date | string;
  actor: { type: string; id: string | null; display: string };
  action: string;
  target: { type: string; id: string | null };
  changes: AuditChanges | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /**
   * The W3C trace id of the recording request. A member of the canonical form only when set:
   * events from before it existed (and those recorded outside a trace) hash as they always did.
   */
  traceId?: string | null;
}

/**
 * The exact bytes hashed for one event (docs/audit-log.md). Keys appear in code-unit order, so
 * this hand-written form equals `canonicalJson` of the same object; it is spelled out because
 * verify runs it for every event and must be fast. `seq` is a JSON number; `traceId` appears
 * only when set (between `target` and `userAgent`, its place in key order).
 */
export function canonicalEvent(event: HashedEventFields): string {
  return (
    `{"action":${JSON.stringify(event.action)}` +
    `,"actor":{"display":${JSON.stringify(event.actor.display)},"id":${str(event.actor.id)},"type":${JSON.stringify(event.actor.type)}}` +
    `,"changes":${event.changes === null ? 'null' : canonicalJson(event.changes)}` +
    `,"id":${JSON.stringify(event.id)}` +
    `,"ip":${str(event.ip)}` +
    `,"occurredAt":${JSON.stringify(iso(event.occurredAt))}` +
    `,"outcome":${JSON.stringify(event.outcome)}` +
    `,"requestId":${str(event.requestId)}` +
    `,"seq":${BigInt(event.seq).toString()}` +
    `,"target":{"id":${str(event.target.id)},"type":${JSON.stringify(event.target.type)}}` +
    (event.traceId ? `,"traceId":${JSON.stringify(event.traceId)}` : '') +
    `,"userAgent":${str(event.userAgent)}}`
  );
}

function iso(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

function str(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}

/** hash = hex(SHA-256(UTF-8(prevHash ‖ canonicalEvent))). */
export function eventHash(prevHash: string, event: HashedEventFields): string {
  return chainHashOfCanonical(prevHash, canonicalEvent(event));
}

/** eventHash from an already computed canonicalEvent (the sealer also needs it for the leaf). */
export function chainHashOfCanonical(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
