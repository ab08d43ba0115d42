import { ProblemException } from '../problem/problem.exception';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';

describe('cursor codec', () => {
  const fingerprint = queryFingerprint({ sort: '-createdAt', status: ['todo'] });

  it('round-trips a keyset position for the same query', () => {
    const cursor = encodeCursor(fingerprint, ['2026-11-23 18:00:00.123456+00', 'a-b']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, fingerprint, 2)).toEqual(['2026-11-23 18:00:00.123456+00', 'a-b']);
  });

  it('fingerprints ignore key order and undefined members but not values', () => {
    expect(queryFingerprint({ a: 1, b: undefined, c: 'x' })).toBe(
      queryFingerprint({ c: 'x', a: 1 }),
    );
    expect(queryFingerprint({ a: 1 })).not.toBe(queryFingerprint({ a: 2 }));
  });

  it('refuses a cursor issued for another sort or filter', () => {
    const other = encodeCursor(queryFingerprint({ sort: 'dueAt' }), ['x', 'y']);
    expect(() => decodeCursor(other, fingerprint, 2)).toThrow(
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
  ])('answers a 400 invalid-cursor problem for %s', (_name, cursor) => {
    let caught: unknown;
    try {
      decodeCursor(cursor, 'f', 2);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProblemException);
    expect((caught as ProblemException).getStatus()).toBe(400);
    expect((caught as ProblemException).type).toBe(
      'https://tasktrackr.dev/problems/invalid-cursor',
    );
  });
});
