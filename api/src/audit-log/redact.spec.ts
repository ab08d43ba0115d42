import { REDACTED, redactChanges } from './redact';

describe('redactChanges', () => {
  it('keeps ordinary fields and hides secret-looking ones, at any depth', () => {
    expect(
      redactChanges({
        title: { before: 'a', after: 'b' },
        password: { after: 'hunter2' },
        passwordHash: { before: '$argon2id$x', after: '$argon2id$y' },
        settings: { after: { apiKey: 'sk-1', theme: 'dark', nested: [{ secret: 's' }] } },
      }),
    ).toEqual({
      title: { before: 'a', after: 'b' },
      password: { after: REDACTED },
      passwordHash: { before: REDACTED, after: REDACTED },
      settings: { after: { apiKey: REDACTED, theme: 'dark', nested: [{ secret: REDACTED }] } },
    });
  });
});
