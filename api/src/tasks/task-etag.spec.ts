import { expectedVersionFromIfMatch, ifNoneMatchHits, taskETag } from './task-etag';

const id = '3f0e4c1a-6a57-4a0b-9d0e-2a9b1c3d4e5f';

describe('task ETags', () => {
  it('are strong tags of id and version', () => {
    expect(taskETag({ id, version: 3 })).toBe(`"${id}:3"`);
  });

  it('If-None-Match hits the current version, a listed one, weak forms and *', () => {
    expect(ifNoneMatchHits(`"${id}:3"`, { id, version: 3 })).toBe(true);
    expect(ifNoneMatchHits(`"x", W/"${id}:3"`, { id, version: 3 })).toBe(true);
    expect(ifNoneMatchHits('*', { id, version: 3 })).toBe(true);
    expect(ifNoneMatchHits(`"${id}:2"`, { id, version: 3 })).toBe(false);
    expect(ifNoneMatchHits(undefined, { id, version: 3 })).toBe(false);
  });

  it('If-Match names the expected version, any version, or none that can match', () => {
    expect(expectedVersionFromIfMatch(undefined, id)).toBeUndefined();
    expect(expectedVersionFromIfMatch('*', id)).toBeUndefined();
    expect(expectedVersionFromIfMatch(`"${id}:7"`, id)).toBe(7);
    expect(expectedVersionFromIfMatch(`"other", "${id.toUpperCase()}:2"`, id)).toBe(2);
    // Weak tags never satisfy If-Match; another task's tag or garbage cannot either.
    expect(expectedVersionFromIfMatch(`W/"${id}:7"`, id)).toBeNull();
    expect(expectedVersionFromIfMatch(`"3f0e4c1a-0000-4a0b-9d0e-2a9b1c3d4e5f:7"`, id)).toBeNull();
    expect(expectedVersionFromIfMatch('"7"', id)).toBeNull();
  });
});
