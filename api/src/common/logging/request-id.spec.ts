import { requestIdFor } from './request-id';

const idFor = (header?: string | string[]) =>
  requestIdFor({ headers: header === undefined ? {} : { 'x-request-id': header } });

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it('keeps a plain id from a proxy', () => {
    expect(idFor('edge-01:abc.123')).toBe('edge-01:abc.123');
  });

  it('takes the first of repeated headers', () => {
    expect(idFor(['first-1', 'second-2'])).toBe('first-1');
  });

  it('mints a UUID when none was sent', () => {
    expect(idFor()).toMatch(UUID_V4);
  });

  it.each([['with space'], ['x'.repeat(129)], ['line\nbreak'], ['']])(
    'mints a new id for %j',
    (bad) => {
      expect(idFor(bad)).toMatch(UUID_V4);
    },
  );
});
