import { generateKeyPairSync } from 'node:crypto';
import { eventLeafHash, rootOfLeaves, signCheckpoint } from '../merkle';
import { ChainEvent, ChainWalker } from './chain-walker';
import { eventHash, GENESIS_HASH, HashedEventFields } from './event-hash';
import { openPublishedCheckpoint, PublishedCheckpoint } from './published-checkpoints';
import { TreeChecker } from './tree-checker';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ORIGIN = 'test.example/audit';

function fieldsOf(seq: number, display = 'u@example.com'): HashedEventFields {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq: String(seq),
    occurredAt: '2026-01-01T00:00:00.000Z',
    actor: { type: 'user', id: 'u', display },
    action: 'task.updated',
    target: { type: 'task', id: `t${seq}` },
    changes: seq % 2 === 0 ? { title: { before: 'a', after: 'b' } } : null,
    outcome: 'success',
    ip: null,
    userAgent: null,
    requestId: null,
    traceId: null,
  };
}

/** A chain as a superuser would rewrite it: every hash recomputed, so the chain itself holds. */
function chain(length: number, alter?: { seq: number; display: string }): ChainEvent[] {
  const events: ChainEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const fields = fieldsOf(seq, alter?.seq === seq ? alter.display : undefined);
    const hash = eventHash(prevHash, fields);
    events.push({
      ...fields,
      traceId: fields.traceId ?? null,
      seq: String(seq),
      actorType: fields.actor.type,
      actorId: fields.actor.id,
      actorDisplay: fields.actor.display,
      targetType: fields.target.type,
      targetId: fields.target.id,
      prevHash,
      hash,
    });
    prevHash = hash;
  }
  return events;
}

function checkpointAt(size: number): PublishedCheckpoint {
  const leaves = Array.from({ length: size }, (_, i) => eventLeafHash(fieldsOf(i + 1)));
  const note = signCheckpoint(
    { origin: ORIGIN, size, root: rootOfLeaves(leaves), extensions: [] },
    privateKey,
  );
  return openPublishedCheckpoint(note, `cp-${size}`, publicKey);
}

function walk(events: ChainEvent[], checkpoints: PublishedCheckpoint[]) {
  const walker = new ChainWalker(
    publicKey,
    { seq: 1n, prevHash: GENESIS_HASH },
    new TreeChecker(checkpoints),
  );
  for (const event of events) if (!walker.push(event)) break;
  return walker.finish(BigInt(events.length), true);
}

describe('TreeChecker', () => {
  it('reproduces the signed roots at every checkpoint size, incremental and ragged', () => {
    const checkpoints = [1, 2, 3, 7, 8, 13, 21].map(checkpointAt);
    expect(walk(chain(21), checkpoints)).toMatchObject({
      ok: true,
      checked: 21,
      checkpointsChecked: 7,
    });
  });

  it('names the checkpoint whose root an edit with a recomputed chain breaks, and since where', () => {
    const result = walk(
      chain(21, { seq: 10, display: 'someone else' }),
      [8, 13, 21].map(checkpointAt),
    );
    expect(result).toMatchObject({ ok: false, firstBadSeq: '9', checked: 12 });
    expect(result.reason).toMatch(
      /^checkpoint 13 \(cp-13\) names root \S+, the events give \S+: an event at or before seq 13, after seq 8 \(checkpoint 8 still matches\) was altered$/,
    );
  });

  it('says events were deleted when a published checkpoint is larger than the log', () => {
    expect(walk(chain(18), [8, 21].map(checkpointAt))).toMatchObject({
      ok: false,
      firstBadSeq: '19',
      reason:
        'the log has 18 events but checkpoint 21 (cp-21) was published: events were deleted or rolled back',
    });
  });

  it('refuses a note not signed by the audit key', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const note = signCheckpoint(
      { origin: ORIGIN, size: 1, root: Buffer.alloc(32), extensions: [] },
      other,
    );
    expect(() => openPublishedCheckpoint(note, 'f', publicKey)).toThrow(/signature/);
  });
});
