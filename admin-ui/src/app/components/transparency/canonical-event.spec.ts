import type { Schema } from '@tasktrackr/sdk';
import { canonicalEvent, canonicalJson, chainHash } from './canonical-event';
import { leafHash, toBase64 } from './merkle-proof';

// Values computed by the server's implementation (api/src/audit-log/chain/event-hash.ts and
// merkle/tree-hash.ts eventLeafHash) for this event and prevHash 'ab' × 32.
const CANONICAL =
  '{"action":"task.updated","actor":{"display":"Ada \\"A\\" Lovelace","id":"u1","type":"user"},' +
  '"changes":{"Z":{"after":[true,null]},"seq":0,"target":1,"title":{"after":"b\\n\\u0001é😀","before":"a"},"é":{"after":1.5}},' +
  '"id":"0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10","ip":"127.0.0.1","occurredAt":"2026-11-23T18:00:00.123Z",' +
  '"outcome":"success","requestId":"r1","seq":9007199254740993,"target":{"id":null,"type":"task"},"userAgent":null}';
const CHAIN_HASH = '4d3a0e6e2f9f255041bee2beb5da6d5e68f2db89439f9174195df4110e7c5725';
const LEAF_HASH = 'Eku9Y/Uz/oJBb7BpUVc5vf+uMjBpBqukEgX1b7S9+Do=';

const event: Schema<'AuditEvent'> = {
  id: '0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10',
  seq: '9007199254740993',
  occurredAt: '2026-11-23T18:00:00.123Z',
  actor: { type: 'user', id: 'u1', display: 'Ada "A" Lovelace' },
  action: 'task.updated',
  target: { type: 'task', id: null },
  changes: {
    title: { before: 'a', after: 'b\n\u0001é😀' },
    é: { after: 1.5 },
    Z: { after: [true, null] },
    seq: 0,
    target: 1,
  },
  outcome: 'success',
  ip: '127.0.0.1',
  userAgent: null,
  requestId: 'r1',
  traceId: null,
  prevHash: 'ab'.repeat(32),
  hash: CHAIN_HASH,
};

describe('canonical event JSON', () => {
  it('is byte for byte the server’s, with a seq beyond 2^53 kept exact', async () => {
    expect(canonicalEvent(event)).toBe(CANONICAL);
    await expect(chainHash(event.prevHash, canonicalEvent(event))).resolves.toBe(CHAIN_HASH);
    expect(toBase64(await leafHash(new TextEncoder().encode(canonicalEvent(event))))).toBe(
      LEAF_HASH,
    );
  });

  it('holds the trace id, after target, only when the event has one (as the server hashes it)', async () => {
    // Computed by the server's implementation for the same event with this trace id.
    const traced = { ...event, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' };
    const canonical = canonicalEvent(traced);
    expect(canonical).toBe(
      CANONICAL.replace(
        ',"userAgent":null}',
        ',"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","userAgent":null}',
      ),
    );
    await expect(chainHash(event.prevHash, canonical)).resolves.toBe(
      'eada7038f854d84cf5fb7986ba0bdc5770ad1e069125d0b3fcbc42829c5f50b5',
    );
    expect(toBase64(await leafHash(new TextEncoder().encode(canonical)))).toBe(
      'mCSQFAcTPceiDHdTg//+/G6ENVrmuJUsBrKI1YRhBUg=',
    );
  });

  it('changes with any field', async () => {
    const edited = canonicalEvent({ ...event, outcome: 'failure' });
    await expect(chainHash(event.prevHash, edited)).resolves.not.toBe(CHAIN_HASH);
  });

  it('sorts keys by UTF-16 code units at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, A: { z: 1, y: 2 } })).toBe(
      '{"A":{"y":2,"z":1},"a":[true,null,"x"],"b":1}',
    );
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });
});
