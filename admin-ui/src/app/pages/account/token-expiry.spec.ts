import { expiresAtFor, localDate } from './token-expiry';

describe('expiresAtFor', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('sends nothing for a token that never expires', () => {
    expect(expiresAtFor('never', '', now)).toBeUndefined();
  });

  it('adds whole days for a preset', () => {
    expect(expiresAtFor('30', '', now)).toBe('2026-04-09T12:00:00.000Z');
    expect(expiresAtFor('365', '', now)).toBe('2027-03-10T12:00:00.000Z');
  });

  it('ends a custom date at the end of that local day', () => {
    const iso = expiresAtFor('custom', '2026-12-31', now);
    expect(iso).toBe(new Date(2026, 11, 31, 23, 59, 59, 999).toISOString());
  });

  it('returns null for a missing or malformed custom date', () => {
    expect(expiresAtFor('custom', '', now)).toBeNull();
    expect(expiresAtFor('custom', '31/12/2026', now)).toBeNull();
  });
});

describe('localDate', () => {
  it('formats the local calendar day', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
