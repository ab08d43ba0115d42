import { createHash } from 'node:crypto';
import { leafHash } from '../merkle';
import { canonicalEvent, chainHashOfCanonical, GENESIS_HASH } from './event-hash';
import { SealedHashes } from './sealed-hashes';

describe('SealedHashes', () => {
  const event = (display: string, seq: number) =>
    canonicalEvent({
      id: `0190a8a0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
      seq: String(seq),
      occurredAt: new Date(Date.UTC(2026, 10, 30, 8, 0, 0, seq)),
      actor: { type: 'user', id: 'u1', display },
      action: 'task.updated',
      target: { type: 'task', id: 't1' },
      changes: { title: { before: 'a', after: 'ü😀\u2028' } },
      outcome: 'success',
      ip: null,
      userAgent: null,
      requestId: null,
    });

  it('gives the chain hash and the leaf hash the separate functions give, event after event', () => {
    const hashes = new SealedHashes();
    let prev = GENESIS_HASH;
    // Long, multi-byte and short forms: the buffer grows, and shorter events reuse it.
    for (const [seq, display] of ['ascii', 'é'.repeat(3000), '😀'.repeat(2000), 'x'].entries()) {
      const canonical = event(display, seq + 1);
      const { chain, leaf } = hashes.of(prev, canonical);
      expect(chain).toBe(chainHashOfCanonical(prev, canonical));
      expect(chain).toBe(
        createHash('sha256')
          .update(prev + canonical, 'utf8')
          .digest('hex'),
      );
      expect(leaf).toEqual(leafHash(canonical));
      prev = chain;
    }
  });
});
