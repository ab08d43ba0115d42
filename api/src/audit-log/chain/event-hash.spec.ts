import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { canonicalEvent, eventHash, GENESIS_HASH, HashedEventFields } from './event-hash';

const event: HashedEventFields = {
  id: '0b6e3e0c-8d1f-4c0e-9a57-2f4b8f0f3a10',
  seq: '1',
  occurredAt: new Date('2026-11-23T18:00:00.123Z'),
  actor: { type: 'user', id: 'u1', display: 'ada@example.com' },
  action: 'task.updated',
  target: { type: 'task', id: 't1' },
  changes: { title: { before: 'a', after: 'b "quoted"\n' }, é: { after: 1 } },
  outcome: 'success',
  ip: '127.0.0.1',
  userAgent: null,
  requestId: 'r1',
};

describe('canonicalJson', () => {
  it('sorts keys, drops whitespace and undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, A: { z: 1, y: 2 } })).toBe(
      '{"A":{"y":2,"z":1},"a":[true,null,"x"],"b":1}',
    );
  });

  it('refuses values JSON cannot hold exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(new Date())).toThrow(TypeError);
  });
});

describe('canonicalEvent', () => {
  it('equals the generic canonical JSON of the same event', () => {
    const generic = canonicalJson({
      ...event,
      seq: 1,
      occurredAt: '2026-11-23T18:00:00.123Z',
    });
    expect(canonicalEvent(event)).toBe(generic);
  });

  it('hashes prevHash followed by the canonical event', () => {
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonicalEvent(event))
      .digest('hex');
    expect(eventHash(GENESIS_HASH, event)).toBe(expected);
    expect(eventHash(GENESIS_HASH, { ...event, outcome: 'failure' })).not.toBe(expected);
  });

  it('hashes a trace id as a member in key order, and an event without one as before', () => {
    const traced = { ...event, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' };
    expect(canonicalEvent(traced)).toBe(
      canonicalJson({ ...traced, seq: 1, occurredAt: '2026-11-23T18:00:00.123Z' }),
    );
    expect(eventHash(GENESIS_HASH, traced)).not.toBe(eventHash(GENESIS_HASH, event));
    // Events sealed before trace ids (or outside a trace) keep their bytes, so their hash.
    const withoutMember = canonicalEvent(event);
    expect(withoutMember).not.toContain('traceId');
    expect(canonicalEvent({ ...event, traceId: null })).toBe(withoutMember);
  });

  it('hashes a Date and its ISO string alike', () => {
    expect(eventHash(GENESIS_HASH, { ...event, occurredAt: '2026-11-23T18:00:00.123Z' })).toBe(
      eventHash(GENESIS_HASH, event),
    );
  });
});
