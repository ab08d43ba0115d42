import { generateKeyPairSync, sign } from 'node:crypto';
import { ChainEvent, ChainWalker, type EncodedEvent } from './chain-walker';
import { checkpointPayload, keyIdOf } from './checkpoint-signer';
import { canonicalEvent, eventHash, GENESIS_HASH } from './event-hash';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const keyId = keyIdOf(publicKey);

function chain(length: number, variant = '4000'): ChainEvent[] {
  const events: ChainEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= length; i += 1) {
    const base = {
      seq: String(i),
      id: `00000000-0000-${variant}-8000-${String(i).padStart(12, '0')}`,
      occurredAt: '2026-01-01T00:00:00.000Z',
      action: 'task.updated',
      actorType: 'user',
      actorId: 'u',
      actorDisplay: 'u@example.com',
      targetType: 'task',
      targetId: `t${i}`,
      changes: null,
      outcome: 'success',
      ip: null,
      userAgent: null,
      requestId: null,
      traceId: null,
    };
    const hash = eventHash(prevHash, {
      ...base,
      actor: { type: base.actorType, id: base.actorId, display: base.actorDisplay },
      target: { type: base.targetType, id: base.targetId },
    });
    events.push({ ...base, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

function checkpointFor(event: ChainEvent) {
  const statement = { seq: event.seq, hash: event.hash, createdAt: new Date(), keyId };
  const signature = sign(null, Buffer.from(checkpointPayload(statement)), privateKey);
  return { ...statement, signature: signature.toString('base64') };
}

function walk(events: ChainEvent[], end = BigInt(events.length)) {
  const walker = new ChainWalker(publicKey, { seq: 1n, prevHash: GENESIS_HASH });
  for (const event of events) if (!walker.push(event)) break;
  return walker.finish(end);
}

describe('ChainWalker', () => {
  it('accepts an intact chain with a valid checkpoint', () => {
    const events = chain(5);
    const walker = new ChainWalker(publicKey, { seq: 1n, prevHash: GENESIS_HASH });
    walker.addCheckpoint(checkpointFor(events[2]));
    for (const event of events) walker.push(event);
    expect(walker.finish(5n)).toMatchObject({ ok: true, checked: 5 });
  });

  it('names the first altered, missing or reordered seq', () => {
    const events = chain(5);
    expect(walk(events.map((e, i) => (i === 2 ? { ...e, outcome: 'failure' } : e)))).toMatchObject({
      ok: false,
      firstBadSeq: '3',
    });
    expect(
      walk(
        events.filter((_, i) => i !== 1),
        5n,
      ),
    ).toMatchObject({
      ok: false,
      firstBadSeq: '2',
      reason: 'seq 2 is missing',
    });
    expect(walk(events.slice(0, 4), 5n)).toMatchObject({ ok: false, firstBadSeq: '5' });
  });

  it('rejects a forged checkpoint and one that disagrees with its event', () => {
    const events = chain(3);
    const forged = new ChainWalker(publicKey, { seq: 1n, prevHash: GENESIS_HASH });
    forged.addCheckpoint({ ...checkpointFor(events[1]), hash: events[0].hash });
    expect(forged.finish()).toMatchObject({
      ok: false,
      reason: 'checkpoint 2 has a bad signature',
    });

    // A re-hashed (rewritten) tail is caught by the checkpoint signed before the rewrite.
    const rewritten = chain(3, '4001');
    const walker = new ChainWalker(publicKey, { seq: 1n, prevHash: GENESIS_HASH });
    walker.addCheckpoint(checkpointFor(events[1]));
    for (const event of rewritten) walker.push(event);
    expect(walker.finish(3n)).toMatchObject({
      ok: false,
      firstBadSeq: '2',
      reason: 'seq 2 differs from its signed checkpoint',
    });
  });

  describe('pushTuple (the COPY path, hashes as bytes)', () => {
    /** The event as the tuple encoder hands it over; null hashes are NULL columns. */
    function encodedOf(
      event: ChainEvent,
      prevHash: string | null = event.prevHash,
      hash: string | null = event.hash,
    ): EncodedEvent {
      const canonical = Buffer.from(
        canonicalEvent({
          ...event,
          actor: { type: event.actorType, id: event.actorId, display: event.actorDisplay },
          target: { type: event.targetType, id: event.targetId },
        }),
      );
      const prev = Buffer.from(prevHash ?? '', 'utf8');
      const own = Buffer.from(hash ?? '', 'utf8');
      const data = Buffer.concat([Buffer.from('..'), prev, own]);
      return {
        seq: Number(event.seq),
        buffer: Buffer.concat([Buffer.alloc(64), canonical]),
        length: 64 + canonical.length,
        data,
        prevHashAt: 2,
        prevHashSize: prevHash === null ? -1 : prev.length,
        hashAt: 2 + prev.length,
        hashSize: hash === null ? -1 : own.length,
        // As the encoder reads them: latin1, '' for NULL.
        prevHash: data.toString('latin1', 2, 2 + prev.length),
        hash: data.toString('latin1', 2 + prev.length, data.length),
      };
    }

    /** The tuple path, and the string path verify took before, on the same events. */
    function bothWays(
      events: EncodedEvent[],
      options: { start?: string; checkpoint?: ChainEvent; end?: bigint } = {},
    ) {
      const results = (['pushTuple', 'pushEncoded'] as const).map((way) => {
        const walker = new ChainWalker(publicKey, {
          seq: 1n,
          prevHash: options.start ?? GENESIS_HASH,
        });
        if (options.checkpoint) walker.addCheckpoint(checkpointFor(options.checkpoint));
        for (const event of events) {
          const copy = { ...event, buffer: Buffer.from(event.buffer) };
          const ok =
            way === 'pushTuple'
              ? walker.pushTuple(copy)
              : walker.pushEncoded(copy.seq, copy.prevHash, copy.hash, copy.buffer, copy.length);
          if (!ok) break;
        }
        return walker.finish(options.end ?? 5n);
      });
      expect(results[0]).toEqual(results[1]);
      return results[0];
    }

    const events = chain(5);
    const other = 'f'.repeat(64);

    it('accepts an intact chain and its checkpoint', () => {
      expect(
        bothWays(
          events.map((e) => encodedOf(e)),
          { checkpoint: events[2] },
        ),
      ).toMatchObject({
        ok: true,
        checked: 5,
      });
    });

    it.each<[string, (event: ChainEvent, i: number) => EncodedEvent, string]>([
      [
        'altered content',
        (e, i) => encodedOf(i === 2 ? { ...e, outcome: 'failure' } : e),
        'hash of seq 3 does not match its content',
      ],
      [
        'another prevHash',
        (e, i) => encodedOf(e, i === 2 ? other : e.prevHash),
        'prevHash of seq 3 does not match the previous hash',
      ],
      [
        'a NULL prevHash',
        (e, i) => encodedOf(e, i === 2 ? null : e.prevHash),
        'prevHash of seq 3 does not match the previous hash',
      ],
      [
        'a short prevHash',
        (e, i) => encodedOf(e, i === 2 ? e.prevHash.slice(1) : e.prevHash),
        'prevHash of seq 3 does not match the previous hash',
      ],
      [
        'a non-ASCII prevHash',
        (e, i) => encodedOf(e, i === 2 ? `é${e.prevHash.slice(2)}` : e.prevHash),
        'prevHash of seq 3 does not match the previous hash',
      ],
      [
        'another hash',
        (e, i) => encodedOf(e, e.prevHash, i === 2 ? other : e.hash),
        'hash of seq 3 does not match its content',
      ],
      [
        'an upper-case hash',
        (e, i) => encodedOf(e, e.prevHash, i === 2 ? e.hash.toUpperCase() : e.hash),
        'hash of seq 3 does not match its content',
      ],
      [
        'a NULL hash',
        (e, i) => encodedOf(e, e.prevHash, i === 2 ? null : e.hash),
        'hash of seq 3 does not match its content',
      ],
    ])('reports %s as the string path does', (_, tamper, reason) => {
      expect(bothWays(events.map(tamper))).toMatchObject({ ok: false, firstBadSeq: '3', reason });
    });

    it('reports missing, reordered and rewritten events, and a start no hash vouches for', () => {
      const encoded = events.map((e) => encodedOf(e));
      expect(bothWays(encoded.filter((_, i) => i !== 1))).toMatchObject({
        reason: 'seq 2 is missing',
      });
      expect(bothWays([encoded[0], encoded[2], encoded[1]])).toMatchObject({ firstBadSeq: '2' });
      expect(bothWays(encoded.slice(0, 4))).toMatchObject({ firstBadSeq: '5' });
      expect(
        bothWays(
          chain(5, '4001').map((e) => encodedOf(e)),
          { checkpoint: events[1] },
        ),
      ).toMatchObject({ firstBadSeq: '2', reason: 'seq 2 differs from its signed checkpoint' });
      expect(
        bothWays(encoded, { start: 'missing: no event or signed checkpoint before this seq' }),
      ).toMatchObject({ firstBadSeq: '1' });
    });

    it('hands over to the string paths mid-walk with the previous hash intact', () => {
      const walker = new ChainWalker(publicKey, { seq: 1n, prevHash: GENESIS_HASH });
      expect(walker.pushTuple(encodedOf(events[0]))).toBe(true);
      expect(walker.push(events[1])).toBe(true);
      expect(walker.pushTuple(encodedOf(events[2]))).toBe(true);
      expect(walker.push({ ...events[3], prevHash: other })).toBe(false);
      expect(walker.finish(5n)).toMatchObject({ firstBadSeq: '4' });
    });
  });
});
