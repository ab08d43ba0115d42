import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('violet-harbour-engine-42', 'ann@example.com')).toBeNull();
  });

  it('refuses passwords shorter than 12 characters', () => {
    expect(passwordProblem('short-pass1', 'ann@example.com')).toMatch(/at least 12/);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('😀'.repeat(6), 'ann@example.com')).toMatch(/at least 12/);
  });

  it('refuses the email address, in any case', () => {
    expect(passwordProblem('Ann.Longname@Example.com', 'ann.longname@example.com')).toMatch(
      /email/,
    );
  });

  it('refuses common passwords case-insensitively', () => {
    expect(passwordProblem('Password1234', 'ann@example.com')).toMatch(/too common/);
  });

  it('refuses absurdly long passwords', () => {
    expect(passwordProblem('x'.repeat(257), 'ann@example.com')).toMatch(/at most 256/);
  });
});
