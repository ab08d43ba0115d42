import { generateKeyPairSync, sign } from 'node:crypto';
import { ChainEvent, ChainWalker } from './chain-walker';
import { checkpointPayload, keyIdOf } from './checkpoint-signer';
import { eventHash, GENESIS_HASH } from './event-hash';

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
});
