import { ProblemException } from '../problem/problem.exception';
import {
  CURSOR_KEYS,
  CURSOR_MAX_LENGTH,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
} from './cursor';

describe('cursor codec', () => {
  const KEYS = [CURSOR_KEYS.timestamp, CURSOR_KEYS.uuid];
  const ID = '3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c';
  const fingerprint = queryFingerprint({ sort: '-createdAt', status: ['todo'] });

  it('round-trips a keyset position for the same query', () => {
    const cursor = encodeCursor(fingerprint, ['2026-11-23 18:00:00.123456+00', ID]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, fingerprint, KEYS)).toEqual(['2026-11-23 18:00:00.123456+00', ID]);
    const iso = encodeCursor(fingerprint, ['2026-11-23T18:00:00.123Z', ID]);
    expect(decodeCursor(iso, fingerprint, KEYS)).toEqual(['2026-11-23T18:00:00.123Z', ID]);
  });

  it('fingerprints ignore key order and undefined members but not values', () => {
    expect(queryFingerprint({ a: 1, b: undefined, c: 'x' })).toBe(
      queryFingerprint({ c: 'x', a: 1 }),
    );
    expect(queryFingerprint({ a: 1 })).not.toBe(queryFingerprint({ a: 2 }));
  });

  it('refuses a cursor issued for another sort or filter', () => {
    const other = encodeCursor(queryFingerprint({ sort: 'dueAt' }), ['2026-11-23T18:00:00Z', ID]);
    expect(() => decodeCursor(other, fingerprint, KEYS)).toThrow(
      expect.objectContaining({
        detail: 'cursor belongs to another sort or filter; start again without a cursor',
      }) as Error,
    );
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['non-JSON base64url', Buffer.from('hello').toString('base64url')],
    ['wrong key length', encodeCursor('f', ['only-one'])],
    [
      'wrong version',
      Buffer.from(JSON.stringify({ v: 9, f: 'f', k: ['a', 'b'] })).toString('base64url'),
    ],
    [
      'non-string parts',
      Buffer.from(JSON.stringify({ v: 1, f: 'f', k: [1, 2] })).toString('base64url'),
    ],
    ['an impossible date', encodeCursor('f', ['2026-02-30T10:00:00.000Z', ID])],
    ['an impossible hour', encodeCursor('f', ['2026-02-03 25:00:00+00', ID])],
    ['a date without offset', encodeCursor('f', ['2026-02-03 10:00:00', ID])],
    ['a word for a date', encodeCursor('f', ['yesterday', ID])],
    ['a non-uuid id', encodeCursor('f', ['2026-02-03T10:00:00Z', 'a-b'])],
    ['a NUL in a part', encodeCursor('f', ['2026-02-03T10:00:00Z', `${ID}\u0000`])],
  ])('answers a 400 invalid-cursor problem for %s', (_name, cursor) => {
    let caught: unknown;
    try {
      decodeCursor(cursor, 'f', KEYS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProblemException);
    expect((caught as ProblemException).getStatus()).toBe(400);
    expect((caught as ProblemException).type).toBe(
      'https://tasktrackr.dev/problems/invalid-cursor',
    );
  });

  it('checks numbers and enumerations by type', () => {
    const seq = (part: string) => encodeCursor('f', [part]);
    expect(decodeCursor(seq('42'), 'f', [CURSOR_KEYS.bigint])).toEqual(['42']);
    for (const bad of ['-1', '1.5', 'abc', '99999999999999999999', '9223372036854775808']) {
      expect(() => decodeCursor(seq(bad), 'f', [CURSOR_KEYS.bigint])).toThrow(ProblemException);
    }
    const priorityOrInfinity = CURSOR_KEYS.either(
      CURSOR_KEYS.oneOf(['low', 'high']),
      CURSOR_KEYS.oneOf(['infinity']),
    );
    expect(decodeCursor(seq('high'), 'f', [priorityOrInfinity])).toEqual(['high']);
    expect(decodeCursor(seq('infinity'), 'f', [priorityOrInfinity])).toEqual(['infinity']);
    expect(() => decodeCursor(seq('urgent'), 'f', [priorityOrInfinity])).toThrow(ProblemException);
  });

  it('keeps every cursor decoding could accept within CURSOR_MAX_LENGTH', () => {
    // The longest keys any list uses: a timestamp with a seconds offset, then a uuid.
    const longest = encodeCursor(fingerprint, ['9999-12-31T23:59:59.999999+14:00:00', ID]);
    expect(decodeCursor(longest, fingerprint, KEYS)).toHaveLength(2);
    expect(longest.length).toBeLessThan(CURSOR_MAX_LENGTH / 3);
    // Even two keys at decoding's 100-character bound fit: validation never refuses a cursor
    // that decoding would accept.
    expect(encodeCursor(fingerprint, ['x'.repeat(100), 'y'.repeat(100)]).length).toBeLessThan(
      CURSOR_MAX_LENGTH,
    );
  });
});
